package dev.lkdash.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.platform.ApiException;
import dev.lkdash.sessions.entity.SessionQuery;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionQueriesTest {

    @Test
    void absentParametersMeanNoFilterAndTheDefaultPage() {
        assertEquals(new SessionQuery(null, null, null, SessionQuery.DEFAULT_LIMIT, null),
                SessionQueries.parse(null, null, null, null, null));
        assertEquals(new SessionQuery(null, null, null, SessionQuery.DEFAULT_LIMIT, null),
                SessionQueries.parse("", " ", "", "", ""), "empty values count as absent");
    }

    @Test
    void valuesAreParsed() {
        String cursor = cursor("1767261600000:RM_abc");
        assertEquals(new SessionQuery("lobby", 1000L, 2000L, 10, cursor),
                SessionQueries.parse("lobby", "1000", "2000", "10", cursor));
        assertEquals(SessionQuery.MAX_LIMIT, SessionQueries.parse(null, null, null, "100000", null).limit(),
                "too large a limit is capped");
    }

    @Test
    void badValuesAreRefusedNamingTheParameter() {
        assertBad("from", () -> SessionQueries.parse(null, "yesterday", null, null, null));
        assertBad("to", () -> SessionQueries.parse(null, null, "1.5", null, null));
        assertBad("from", () -> SessionQueries.parse(null, "-1", null, null, null));
        assertBad("from", () -> SessionQueries.parse(null, "2000", "1000", null, null));
        assertBad("limit", () -> SessionQueries.parse(null, null, null, "0", null));
        assertBad("limit", () -> SessionQueries.parse(null, null, null, "ten", null));
        assertBad("cursor", () -> SessionQueries.parse(null, null, null, null, "not-a-cursor!"));
        assertBad("cursor", () -> SessionQueries.parse(null, null, null, null, cursor("no colon")));
        assertBad("cursor", () -> SessionQueries.parse(null, null, null, null, cursor("12:")));
        assertBad("cursor", () -> SessionQueries.parse(null, null, null, null, cursor("x:RM_a")));
    }

    @Test
    void cursorsAreRecognised() {
        assertTrue(SessionHistory.isCursor(cursor("0:RM_a:b")), "a sid may hold a colon");
        assertFalse(SessionHistory.isCursor("%%%"));
        assertNull(SessionQueries.parse(null, null, null, null, "  ").cursor());
    }

    private static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBad(String parameter, org.junit.jupiter.api.function.Executable parse) {
        ApiException refused = assertThrows(ApiException.class, parse);
        assertEquals("bad_parameter", refused.code());
        assertEquals(400, refused.getResponse().getStatus());
        assertTrue(refused.getMessage().startsWith(parameter), refused.getMessage());
    }
}
