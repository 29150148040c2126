package io.graylane.events.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrantsTest {

    private static final String PREFIX = Grants.DEFAULT_PREFIX;

    @Test
    void readsTheRoleOfEachNamespaceFromTheGroupsKeepingTheHighest() {
        Grants grants = Grants.fromGroups(List.of("graylane:viewer:demo-project", "graylane:operator:team-a",
                "graylane:viewer:team-a", "developers", "other:admin"), PREFIX);

        assertThat(grants.admin()).isFalse();
        assertThat(grants.mayRead("demo-project")).isTrue();
        assertThat(grants.allows("demo-project", Role.OPERATOR)).isFalse();
        assertThat(grants.allows("team-a", Role.OPERATOR)).isTrue();
        assertThat(grants.mayRead("team-b")).isFalse();
    }

    @Test
    void anAdminMayDoEverythingEverywhere() {
        Grants grants = Grants.fromGroups(List.of("graylane:admin"), PREFIX);

        assertThat(grants.allows("anywhere", Role.ADMIN)).isTrue();
        assertThat(grants.allows("anywhere", Role.OPERATOR)).isTrue();
    }

    @Test
    void ignoresGroupsOfAnotherFormOrRole() {
        Grants grants = Grants.fromGroups(java.util.Arrays.asList("graylane:owner:team-a", "graylane:operator:",
                "graylane::team-a", "graylane:operator", null, "GRAYLANE:admin"), PREFIX);

        assertThat(grants).isEqualTo(Grants.none());
    }

    @Test
    void namesTheGroupsThatGrantARoleAndReadsThemBack() {
        List<String> groups = Grants.groupsFor(Role.OPERATOR, List.of("a", "b"), "k8s:");

        assertThat(groups).containsExactly("k8s:operator:a", "k8s:operator:b");
        assertThat(Grants.fromGroups(groups, "k8s:").allows("b", Role.OPERATOR)).isTrue();
        assertThat(Grants.groupsFor(Role.ADMIN, List.of("a"), PREFIX)).containsExactly("graylane:admin");
    }
}
