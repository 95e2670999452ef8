package org.xcpbalancer.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Every error line the programs print goes through ErrorText: one line, never empty, never a page long. */
class ErrorTextTest {

    @Test
    void aMessageBecomesItsFirstLine() {
        assertThat(ErrorText.firstLine("\n  Access denied for user 'xcp'\n  at line 2\n")).isEqualTo("Access denied for user 'xcp'");
        assertThat(ErrorText.firstLine((String) null)).isEqualTo("no details");
        assertThat(ErrorText.firstLine(" \n ")).isEqualTo("no details");
        assertThat(ErrorText.firstLine("x".repeat(1000))).hasSize(ErrorText.MAX_LENGTH + 3).endsWith("...");
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsClass() {
        assertThat(ErrorText.firstLine(new IOException())).isEqualTo("IOException");
        assertThat(ErrorText.firstLine(new IOException("reply was\n<html>..."))).isEqualTo("reply was");
    }

    @Test
    void theRootCauseSaysWhatWentWrongAtTheBottom() {
        Exception wrapped = new IllegalStateException("pool failed",
                new IOException("read failed", new ConnectException("Connection refused\n(details)")));

        assertThat(ErrorText.rootCause(wrapped)).isInstanceOf(ConnectException.class);
        assertThat(ErrorText.rootCauseLine(wrapped)).isEqualTo("Connection refused");
        assertThat(ErrorText.rootCauseLine(new IOException("alone"))).isEqualTo("alone");
    }
}
