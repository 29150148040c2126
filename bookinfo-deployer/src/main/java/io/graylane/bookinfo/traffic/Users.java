package io.graylane.bookinfo.traffic;

import io.graylane.mesh.MeshRequest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The people using the simulated Bookinfo: browsers on the common systems (so client-OS matches have
 * something to match), and one in five logged in as {@code jason}, Istio's example user, which sets the
 * {@code end-user} header and a {@code user} cookie.
 */
final class Users {

    static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1");

    private final Random random;

    Users(Random random) {
        this.random = random;
    }

    /** The next user's request for the product page. */
    MeshRequest next() {
        Map<String, String> headers = new HashMap<>();
        headers.put("user-agent", USER_AGENTS.get(random.nextInt(USER_AGENTS.size())));
        String session = "session=" + HexFormat.of().toHexDigits(random.nextInt());
        if (random.nextInt(5) == 0) {
            headers.put("end-user", "jason");
            headers.put("cookie", session + "; user=jason");
        } else {
            headers.put("cookie", session);
        }
        return MeshRequest.get("/productpage", headers);
    }
}
