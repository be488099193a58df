package dev.lkdash.guard.boundary;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The hostile inputs of {@link HostileInputIT}, drawn from a seeded generator: the same seed gives
 * the same values in the same order, so a failing request is replayed by running its class again
 * with that seed. Lengths and numbers come out at their bounds more often than a uniform draw
 * would give them, since that is where parsers break.
 */
final class HostileInputs {

    /** The webhook payloads the tampered and forged requests are built from. */
    static final List<String> FIXTURE_NAMES = List.of("room_started", "participant_joined", "track_published", "egress_started",
            "room_finished");

    /** The endpoints sent a 100 KB header, each once: method and target. */
    static final List<String> HUGE_HEADER_TARGETS = List.of("POST /api/webhooks/livekit", "GET /api/rooms", "GET /api/sessions",
            "GET /api/events", "GET /");

    private final SplittableRandom random;

    HostileInputs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    // ---- the webhook endpoint ------------------------------------------------------------------

    /** Any bytes, 0 to 4096 of them. */
    byte[] randomBytes() {
        byte[] bytes = new byte[length(0, 4096)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A Content-Type: a known media type (right, wrong, empty or malformed) or up to 80 ASCII characters. */
    String contentType() {
        if (random.nextBoolean()) {
            return pick("application/webhook+json", "application/json", "application/json; charset=utf-16", "text/plain",
                    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", ";;;", "*/*");
        }
        return chars(0, 80, 0, 0x7f);
    }

    /** An Authorization value that is no token of ours: any characters, three dotted letter runs, or a known wrong value. */
    String garbageToken() {
        switch (random.nextInt(3)) {
            case 0:
                return anyChars(0, 300);
            case 1:
                String part = chars(10, 60, 'A', 'z');
                return part + "." + part + "." + part;
            default:
                return pick("", "Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "null", "eyJ.eyJ.", "...", "Bearer a.b.c");
        }
    }

    /** One of {@link #FIXTURE_NAMES}. */
    String fixtureName() {
        return FIXTURE_NAMES.get(random.nextInt(FIXTURE_NAMES.size()));
    }

    /**
     * Text to smuggle into a signed body: 1 to 200 of any characters (lone surrogates included), or
     * one of NUL, lone and swapped surrogates, a right-to-left override, a byte order mark, stacked
     * combining marks, 500 emoji, script, JNDI, SQL and path injection, an ANSI escape.
     */
    String oddUnicode() {
        if (random.nextBoolean()) {
            return anyChars(1, 200);
        }
        return pick("\u0000", "\uD800", "\uDFFF\uD800", "\u202Eevil", "\uFEFF", "e\u0301\u0301\u0301", "\uFFFF",
                "\uD83D\uDE00".repeat(500), "<script>alert(1)</script>", "${jndi:ldap://x/a}", "'; DROP TABLE room_session; --",
                "../../etc/passwd", "%00", "\u001b[31mred");
    }

    /**
     * Every event the protobuf parser must refuse, 100 of them, in a fixed order: huge, negative,
     * fractional or out-of-range numbers in the room's number fields; arrays, booleans, strings and
     * numbers where an object belongs; an event name that is not a name; such numbers as
     * {@code createdAt}; and bodies that are no event at all. Never an object in place of an object
     * (unknown fields make a valid, empty one) nor a one-element array of a name (an unknown event,
     * accepted).
     */
    static List<String> brokenEvents() {
        List<String> hugeOrNegative = List.of("\"99999999999999999999999999\"", "-1", "\"-99999999999999999999\"", "1e400", "-1e400",
                "1.5", "\"0x10\"", "NaN", "Infinity", "\"\"", "18446744073709551616");
        List<String> wrongType = List.of("[]", "true", "\"text\"", "[{\"a\":1}]", "0", "-1", "[[]]");
        List<String> events = new ArrayList<>();
        for (String field : List.of("emptyTimeout", "maxParticipants", "numParticipants", "departureTimeout")) {
            for (String value : hugeOrNegative) {
                events.add("{\"event\":\"room_started\",\"id\":\"EV_hostile\",\"room\":{\"sid\":\"RM_hostile\",\"name\":\"hostile\",\""
                        + field + "\":" + value + "}}");
            }
        }
        for (String field : List.of("room", "participant", "track", "egressInfo", "ingressInfo")) {
            for (String value : wrongType) {
                events.add("{\"event\":\"participant_joined\",\"id\":\"EV_hostile\",\"" + field + "\":" + value + "}");
            }
        }
        for (String value : List.of("[]", "{}", "null", "[{\"a\":1}]", "{\"sid\":{}}", "[\"room_started\", \"room_finished\"]")) {
            events.add("{\"event\":" + value + ",\"id\":\"EV_hostile\",\"room\":{\"sid\":\"RM_hostile\"}}");
        }
        for (String value : hugeOrNegative) {
            if (!value.equals("-1") && !value.equals("\"\"")) {
                events.add("{\"event\":\"room_started\",\"id\":\"EV_hostile\",\"createdAt\":" + value
                        + ",\"room\":{\"sid\":\"RM_hostile\",\"name\":\"hostile\"}}");
            }
        }
        events.addAll(List.of("{}", "[]", "null", "\"room_started\"", "{\"event\":\"\"}", "{\"id\":\"EV_x\"}"));
        return List.copyOf(events);
    }

    /** An event with 100 to 100,000 levels of arrays or objects in a known or unknown field. */
    String deepNesting() {
        int depth = between(100, 100_000);
        String open = pick("[", "{\"a\":");
        String field = pick("room", "participant", "job", "unknownField");
        String close = open.equals("[") ? "]" : "}";
        return "{\"event\":\"room_started\",\"id\":\"EV_hostile\",\"" + field + "\":"
                + open.repeat(depth) + "1" + close.repeat(depth) + ",\"room\":[]}";
    }

    /**
     * A webhook token that must be refused, with {@code {sha}} where the body's hash goes: alg none,
     * HS384 or HS512, another secret, another issuer, expired, not yet valid, without or with a wrong
     * hash, or a swapped {@code alg} header; bare, after "Bearer ", after "bearer  " with a trailing
     * space, or with a trailing dot.
     */
    String forgedToken(String key, String secret, Instant now) {
        String token;
        switch (random.nextInt(9)) {
            case 0:
                token = valid(key, now).sign(Algorithm.none());
                break;
            case 1:
                token = valid(key, now).sign(random.nextBoolean() ? Algorithm.HMAC384(secret) : Algorithm.HMAC512(secret));
                break;
            case 2:
                token = valid(key, now).sign(Algorithm.HMAC256(secret + chars(1, 40, LETTERS)));
                break;
            case 3:
                token = valid(chars(1, 20, LETTERS), now).sign(Algorithm.HMAC256(secret));
                break;
            case 4:
                token = JWT.create().withIssuer(key).withClaim("sha256", "{sha}")
                        .withExpiresAt(now.minusSeconds(between(61, 10_000_000))).sign(Algorithm.HMAC256(secret));
                break;
            case 5:
                int ahead = between(120, 10_000_000);
                token = JWT.create().withIssuer(key).withClaim("sha256", "{sha}").withNotBefore(Date.from(now.plusSeconds(ahead)))
                        .withExpiresAt(now.plusSeconds(ahead + 3600L)).sign(Algorithm.HMAC256(secret));
                break;
            case 6:
                token = JWT.create().withIssuer(key).withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.HMAC256(secret));
                break;
            case 7:
                token = JWT.create().withIssuer(key).withClaim("sha256", anyChars(0, 60)).withExpiresAt(now.plusSeconds(3600))
                        .sign(Algorithm.HMAC256(secret));
                break;
            default:
                String signed = valid(key, now).sign(Algorithm.HMAC256(secret));
                String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("{\"alg\":\"" + pick("none", "HS384", "RS256", "ES256", "", "hs256") + "\",\"typ\":\"JWT\"}")
                                .getBytes(StandardCharsets.UTF_8));
                token = header + signed.substring(signed.indexOf('.'));
        }
        return pick(token, "Bearer " + token, "bearer  " + token + " ", token + ".");
    }

    private static JWTCreator.Builder valid(String issuer, Instant now) {
        return JWT.create().withIssuer(issuer).withClaim("sha256", "{sha}").withExpiresAt(now.plusSeconds(3600));
    }

    // ---- the read API -----------------------------------------------------------------------------

    /**
     * A parameter value: up to 120 of any characters, any long, or a known troublemaker (out-of-range
     * and malformed numbers and durations, formats, NUL, a lone surrogate, "null", "undefined").
     */
    String hostileText() {
        switch (random.nextInt(3)) {
            case 0:
                return anyChars(0, 120);
            case 1:
                return Long.toString(anyLong());
            default:
                return pick("-1", "0", "9223372036854775808", "-9223372036854775809", "1e99", "NaN", "0x7f", "", " ",
                        "999999999999999999999999999999", "2147483648", "-2147483649", "1.5", "15m", "24h", "1y", "csv", "json",
                        "xml", "../", "%", "\u0000", "\uD800", "eyJ9", "null", "undefined", "[object Object]");
        }
    }

    /**
     * A read endpoint with a query: 1 to 5 URL-encoded pairs of a known, empty, odd or 300-character
     * name and a {@link #hostileText()} value, or a raw query with broken escapes or repeated names.
     */
    String readQuery() {
        String path = pick("/api/sessions", "/api/stats/overview", "/api/rooms", "/api/info", "/api/webhooks/health",
                "/api/sessions/RM_standup0001");
        if (random.nextBoolean()) {
            int pairs = between(1, 5);
            StringBuilder query = new StringBuilder();
            for (int pair = 0; pair < pairs; pair++) {
                String name = pick("room", "from", "to", "limit", "cursor", "format", "window", "lastEventId", "", "limit[]",
                        "from\u0000", "a".repeat(300));
                query.append(pair == 0 ? "" : "&").append(encode(name)).append('=').append(encode(hostileText()));
            }
            return path + "?" + query;
        }
        return path + "?" + pick("limit=%", "limit=%zz", "from=%00", "window=%C0%AE", "cursor=%FF%FE", "&&&", "=",
                "limit=1&limit=2&limit=abc", "format=csv&limit=-1", "format=csv&room=%3D1%2B1");
    }

    /**
     * A read path: a known prefix and either a percent-encoded {@link #hostileText()} or a raw
     * segment (encoded dots and slashes, NUL, overlong UTF-8, matrix parameters, a query inside, a
     * 3000-character segment, lone percent signs).
     */
    String readPath() {
        String prefix = pick("/api/rooms/", "/api/sessions/", "/api/rooms/daily-standup/", "/api/stats/", "/api/webhooks/", "/api/");
        if (random.nextBoolean()) {
            return prefix + encode(hostileText()).replace("+", "%20");
        }
        return prefix + pick("%2e%2e/x", "..%2f..%2fetc%2fpasswd", "%00", "%FF", "%C0%AE%C0%AE", "%2F", "a%2Fb", ";jsessionid=x",
                "%252e", "RM_standup0001%00", "daily-standup/participants/x", "x?format=csv", "RM_standup0001?format=csv",
                "%E2%80%AE", "a".repeat(3000), "%", "%%", "~", "*", "%20");
    }

    // ---- the primitives ---------------------------------------------------------------------------

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** One of the values, each as likely. */
    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A number from min to max, inclusive: one time in ten min, one in ten max, else any. */
    private int between(int min, int max) {
        int draw = random.nextInt(10);
        if (draw == 0) {
            return min;
        }
        if (draw == 1) {
            return max;
        }
        return random.nextInt(min, max + 1);
    }

    /** A length from min to max: the bounds one time in ten each, else short and long as likely. */
    private int length(int min, int max) {
        return between(min, max);
    }

    /** Any long: 0, -1, 1, the smallest or the largest one time in five, else any. */
    private long anyLong() {
        if (random.nextInt(5) == 0) {
            long[] edges = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE};
            return edges[random.nextInt(edges.length)];
        }
        return random.nextLong();
    }

    /** min to max characters from first to last (UTF-16 code units). */
    private String chars(int min, int max, int first, int last) {
        StringBuilder text = new StringBuilder();
        for (int count = length(min, max); count > 0; count--) {
            text.append((char) random.nextInt(first, last + 1));
        }
        return text.toString();
    }

    /** min to max characters taken from the given ones. */
    private String chars(int min, int max, String from) {
        StringBuilder text = new StringBuilder();
        for (int count = length(min, max); count > 0; count--) {
            text.append(from.charAt(random.nextInt(from.length())));
        }
        return text.toString();
    }

    /**
     * min to max of any UTF-16 code units, lone surrogates, controls and noncharacters included; one
     * in four is ASCII, so that text a parser looks at closely comes up too.
     */
    private String anyChars(int min, int max) {
        StringBuilder text = new StringBuilder();
        for (int count = length(min, max); count > 0; count--) {
            text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10000)));
        }
        return text.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
