package io.graylane.bookinfo.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reviews version read from pages rendered as Bookinfo's productpage template renders them. */
class RealProductpageTest {

    private static final String REVIEW = "<blockquote><p>An extremely entertaining play by Shakespeare.</p>"
            + "<small>Reviewer1</small>";

    @Test
    void readsTheVersionFromTheStars() {
        assertThat(RealProductpage.read(page(REVIEW + "</blockquote>")).version()).isEqualTo("v1");
        assertThat(RealProductpage.read(page(REVIEW + "<font color=\"black\"><span class=\"glyphicon "
                + "glyphicon-star\"></span></font></blockquote>")).version()).isEqualTo("v2");
        assertThat(RealProductpage.read(page(REVIEW + "<font color=\"red\"><span class=\"glyphicon "
                + "glyphicon-star\"></span></font></blockquote>")).version()).isEqualTo("v3");
    }

    @Test
    void tellsWhatFailed() {
        Outcome reviewsDown = RealProductpage.read(page("<h2>Error fetching product reviews!</h2><p>Sorry, product "
                + "reviews are currently unavailable for this book.</p>"));
        assertThat(reviewsDown.version()).isNull();
        assertThat(reviewsDown.failure()).isEqualTo("reviews unavailable");
        assertThat(RealProductpage.read(page(REVIEW + "<p><i>Ratings service is currently unavailable</i></p>"))
                .failure()).startsWith("ratings unavailable");
        assertThat(RealProductpage.read("<html>nginx</html>").failure()).isEqualTo("not Bookinfo's product page");
    }

    private static String page(String reviews) {
        return "<html><head><title>Simple Bookstore App</title></head><body><div class=\"col-md-6\">" + reviews
                + "</div></body></html>";
    }
}
