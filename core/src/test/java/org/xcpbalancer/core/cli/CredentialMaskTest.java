package org.xcpbalancer.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialMaskTest {
    @Test
    void everyFormOfAPasswordInAUrlIsMaskedAndTheRestKept() {
        assertThat(CredentialMask.mask("database jdbc:mysql://xcp:s3cret@db:3306/Xen cannot be reached as xcp"))
                .isEqualTo("database jdbc:mysql://xcp:****@db:3306/Xen cannot be reached as xcp");
        assertThat(CredentialMask.mask("pool master http://root:p@ss:w0rd@10.0.0.1:80 failed"))
                .isEqualTo("pool master http://root:****@10.0.0.1:80 failed");
        assertThat(CredentialMask.mask("jdbc:mysql://db/Xen?user=xcp&password=s3cret&useSSL=false;pwd=x2,Password1=x3"))
                .isEqualTo("jdbc:mysql://db/Xen?user=xcp&password=****&useSSL=false;pwd=****,Password1=****");
        assertThat(CredentialMask.mask("jdbc:mysql://(host=db,port=3306,user=xcp,password=s3cret)/Xen"))
                .isEqualTo("jdbc:mysql://(host=db,port=3306,user=xcp,password=****)/Xen");
        assertThat(CredentialMask.mask("https://xcp-master.example.com and jdbc:mysql://db:3306/Xen and root@host"))
                .isEqualTo("https://xcp-master.example.com and jdbc:mysql://db:3306/Xen and root@host");
    }

    @Test
    void stackTracesAreMaskedInEveryCause() {
        Exception failure = new IllegalStateException("outer http://root:s3cret@h",
                new RuntimeException("inner jdbc:mysql://h/Xen?password=s3cret"));
        assertThat(CredentialMask.stackTrace(failure)).doesNotContain("s3cret").contains("Caused by", "\tat ");
    }
}
