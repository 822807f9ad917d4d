package org.medpulse.schemas.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ToolCatalogueTest {

    private final ToolCatalogue catalogue = ToolCatalogue.builtIn();

    @Test
    void builtInListsTheStudysToolsAndTheEstablishedOnes() {
        assertThat(catalogue.entries()).hasSizeGreaterThanOrEqualTo(20)
                .extracting(ToolEntry::id)
                .contains("chatgpt", "nabla", "posos", "lifen", "synapse", "therapixel")
                .allMatch(id -> id.equals(ToolCatalogue.slug(id)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"ChatGPT, chatgpt", "chat gpt, chatgpt", "Chat-GPT, chatgpt", "chatgpt-4o, chatgpt",
            "CHAT_GPT, chatgpt", "Chat.GPT, chatgpt", "Synapse Médecine, synapse-medecine", "mammoscreen, therapixel"})
    void namesMatchIgnoringCaseAccentsAndSeparatorsThenAliases(String name, String id) {
        assertThat(catalogue.resolve(name).id()).isEqualTo(id);
    }

    @Test
    void unknownNamesBecomeSlugsFlaggedUnknown() {
        ToolEntry entry = catalogue.resolve("  Outil  interne ");

        assertThat(entry.id()).isEqualTo("outil-interne");
        assertThat(entry.known()).isFalse();
        assertThat(entry.name()).isEqualTo("Outil  interne");
    }

    @Test
    void operatorEntriesRoundTripThroughTheirJsonForm() {
        ToolEntry entry = new ToolEntry("docbot", "DocBot", "CHU", "OTHER", List.of("outil interne"), true);

        ToolEntry read = ToolCatalogue.parseEntry(ToolCatalogue.toJson(entry));

        assertThat(read).isEqualTo(entry);
        assertThat(catalogue.withAll(List.of(read)).resolve("Outil Interne").id()).isEqualTo("docbot");
        assertThat(catalogue.resolve("Outil Interne").known()).isFalse();
    }

    @Test
    void anEntryWithoutNameIsNamedByItsId() {
        assertThat(ToolCatalogue.parseEntry("{\"id\":\"docbot\",\"extra\":1}").name()).isEqualTo("docbot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{oops", "null", "{\"name\":\"No id\"}", "{\"id\":\"Doc Bot\"}", "{\"id\":\"-docbot\"}"})
    void invalidEntriesAreRefusedWithAReason(String json) {
        assertThatThrownBy(() -> ToolCatalogue.parseEntry(json)).isInstanceOf(IllegalArgumentException.class)
                .message().containsIgnoringCase("tool");
    }
}
