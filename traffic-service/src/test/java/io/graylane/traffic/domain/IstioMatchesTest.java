package io.graylane.traffic.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import io.graylane.events.release.ClientOs;
import io.graylane.events.release.CookieMatch;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The regexes are RE2 and Envoy matches them against the whole header value, as Pattern.matches does. */
class IstioMatchesTest {

    private static final String WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";
    private static final String MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15";
    private static final String LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0";
    private static final String UBUNTU = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0";
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "beta=yes|true",
        "a=1; beta=yes|true",
        "a=1;beta=yes; b=2|true",
        "beta=yes; b=2|true",
        "xbeta=yes|false",
        "beta=yesno|false",
        "beta=no; other=beta=yes|false",
        "a=1|false"})
    void matchesOneExactCookiePair(String header, boolean matches) {
        String regex = IstioMatches.cookieRegex(new CookieMatch("beta", "yes"));

        assertThat(Pattern.matches(regex, header)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Linux|" + LINUX + "|true",
        "Linux|" + UBUNTU + "|true",
        "Linux|" + ANDROID + "|false",
        "Android|" + ANDROID + "|true",
        "Android|" + LINUX + "|false",
        "macOS|" + MAC + "|true",
        "macOS|" + IPHONE + "|false",
        "iOS|" + IPHONE + "|true",
        "iOS|" + MAC + "|false",
        "Windows|" + WINDOWS + "|true",
        "Windows|" + MAC + "|false"})
    void tellsOperatingSystemsApartFromTheUserAgent(ClientOs os, String userAgent, boolean matches) {
        assertThat(Pattern.matches(IstioMatches.userAgentRegex(List.of(os)), userAgent)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"" + LINUX + "|true", ANDROID + "|true", WINDOWS + "|false"})
    void matchesAnyOfSeveralSystems(String userAgent, boolean matches) {
        String regex = IstioMatches.userAgentRegex(List.of(ClientOs.Android, ClientOs.Linux));

        assertThat(Pattern.matches(regex, userAgent)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a.b=c+d|a.b=c+d|true", "a.b=c+d|aXb=c+d|false", "(x)=[y]|(x)=[y]|true"})
    void quotesCookieNamesAndValues(String pair, String header, boolean matches) {
        String[] parts = pair.split("=", 2);
        assertThat(Pattern.matches(IstioMatches.cookieRegex(new CookieMatch(parts[0], parts[1])), header))
                .isEqualTo(matches);
    }
}
