package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The job pattern syntax of environments: a table of matches, and the rules a pattern must follow. */
class JobPatternsTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            shop/web                  | shop/web                 | true
            shop/web                  | shop/web2                | false
            shop/web                  | shop/web/main            | false
            shop/web                  | Shop/Web                 | true
            shop/*                    | shop/web                 | true
            shop/*                    | shop                     | false
            shop/*                    | shop/web/main            | false
            shop/*                    | shopping/web             | false
            shop/deploy-*             | shop/deploy-web          | true
            shop/deploy-*             | shop/deploy-             | true
            shop/deploy-*             | shop/web-deploy          | false
            shop/*-prod               | shop/web-prod            | true
            shop/*-prod               | shop/web-prod-old        | false
            shop/**                   | shop/web                 | true
            shop/**                   | shop/web/main            | true
            shop/**                   | shop/a/b/c/d             | true
            shop/**                   | shop                     | false
            shop/**                   | shopping/web             | false
            shop/**                   | other/shop/web           | false
            **/release                | release                  | true
            **/release                | shop/release             | true
            **/release                | shop/a/b/release         | true
            **/release                | shop/release/main        | false
            shop/**/deploy            | shop/deploy              | true
            shop/**/deploy            | shop/a/b/deploy          | true
            shop/**/deploy            | shop/a/b/deploy2         | false
            **                        | anything                 | true
            **                        | a/b/c                    | true
            *                         | top                      | true
            *                         | folder/job               | false
            */main                    | web/main                 | true
            shop/web/main             | shop/web/main            | true
            shop/web/feature%2F*      | shop/web/feature%2Flogin | true
            a*b*c                     | aXbYc                    | true
            a*b*c                     | aXbYcZ                   | false
            *a*a*a*a*a*a*a*a*a*a*b    | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | false
            my job                    | MY JOB                   | true
            """)
    void matchesSegmentBySegment(String pattern, String name, boolean expected) {
        assertThat(JobPatterns.check(pattern)).isEmpty();
        assertThat(JobPatterns.matches(pattern, name)).isEqualTo(expected);
    }

    @Test
    void noPatternsMeansEveryJob() {
        assertThat(JobPatterns.matchesAny(List.of(), "any/job")).isTrue();
        assertThat(JobPatterns.matchesAny(List.of("shop/*", "ops/**"), "ops/a/b"))
                .isTrue();
        assertThat(JobPatterns.matchesAny(List.of("shop/*", "ops/**"), "dev/a")).isFalse();
    }

    @Test
    void linesAreTrimmedAndBlankOnesDropped() {
        assertThat(JobPatterns.lines("  shop/**  \r\n\n ops/deploy \n   ")).containsExactly("shop/**", "ops/deploy");
        assertThat(JobPatterns.lines(null)).isEmpty();
        assertThat(JobPatterns.lines(" \n ")).isEmpty();
    }

    @Test
    void brokenPatternsNameTheRule() {
        assertThat(JobPatterns.check("")).contains(Messages.JobPatterns_Empty());
        assertThat(JobPatterns.check("/shop")).contains(Messages.JobPatterns_EmptySegment());
        assertThat(JobPatterns.check("shop/")).contains(Messages.JobPatterns_EmptySegment());
        assertThat(JobPatterns.check("shop//web")).contains(Messages.JobPatterns_EmptySegment());
        assertThat(JobPatterns.check("shop/../ops")).contains(Messages.JobPatterns_DotSegment());
        assertThat(JobPatterns.check("shop/web**")).contains(Messages.JobPatterns_DoubleStar());
        assertThat(JobPatterns.check("shop/***")).contains(Messages.JobPatterns_DoubleStar());
        assertThat(JobPatterns.check("a".repeat(257))).contains(Messages.JobPatterns_TooLong(256, 257));
        assertThat(JobPatterns.check("a".repeat(256))).isEmpty();
    }
}
