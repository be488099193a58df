package dev.lkdash.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void fieldsAreQuotedAsRfc4180SaysAndLinesEndInCrLf() throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        csv.row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere"));
        csv.row(Arrays.asList("x", null, 42L, true));
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n"
                + "x,,42,true\r\n", out.toString());
    }

    @Test
    void textASpreadsheetWouldRunIsNeutralised() {
        for (String formula : List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            String field = CsvWriter.field(formula);
            String unquoted = field.startsWith("\"") ? field.substring(1) : field;
            assertEquals('\'', unquoted.charAt(0), formula);
        }
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\"", CsvWriter.field("=HYPERLINK(\"http://x\",\"a\")"));
        assertEquals("a=b", CsvWriter.field("a=b"));
        assertEquals("", CsvWriter.field(""));
    }
}
