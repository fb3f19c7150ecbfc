package dev.junction.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelIdTest {

    @Test
    void parse_splitsAtTheFirstSlash_theRestIsTheUpstreamName() {
        ModelId id = ModelId.parse("together/meta-llama/Llama-3.3-70B");
        assertThat(id.provider()).isEqualTo("together");
        assertThat(id.name()).isEqualTo("meta-llama/Llama-3.3-70B");
        assertThat(id).hasToString("together/meta-llama/Llama-3.3-70B");
    }

    @Test
    void parseOrNull_rejectsTextWithoutBothSides() {
        assertThat(ModelId.parseOrNull("gpt-4.1-mini")).isNull();
        assertThat(ModelId.parseOrNull("/gpt-4.1-mini")).isNull();
        assertThat(ModelId.parseOrNull("openai/")).isNull();
        assertThat(ModelId.parseOrNull(null)).isNull();
        assertThatThrownBy(() -> ModelId.parse("gpt-4.1-mini")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PROVIDER/MODEL");
    }

    @Test
    void equalIds_areEqualAndHashAlike_whereverTheyWereMade() {
        ModelId parsed = ModelId.parse("openai/gpt-4.1-mini");
        ModelId built = new ModelId("openai", "gpt-4.1-mini");
        assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(parsed).isNotEqualTo(new ModelId("azure", "gpt-4.1-mini"));
        // the split matters, not only the joined text
        assertThat(new ModelId("a/b", "c")).isNotEqualTo(new ModelId("a", "b/c"));
    }

    @Test
    void ids_sortByTheirText() {
        List<ModelId> ids = new ArrayList<>(List.of(ModelId.parse("openai/gpt-4.1"), ModelId.parse("anthropic/claude"),
                ModelId.parse("openai/gpt-4.1-mini")));
        ids.sort(null);
        assertThat(ids).extracting(ModelId::toString)
                .containsExactly("anthropic/claude", "openai/gpt-4.1", "openai/gpt-4.1-mini");
    }
}
