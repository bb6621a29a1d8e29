"""The Elasticsearch configuration, checked without a server: settings, analysis, mappings.

No Elasticsearch server runs here; test_search_elasticsearch_live.py runs against one when
ELASTICSEARCH_URL is set, and test_search_compound_words.py emulates the decompounder."""

import json
import os
import subprocess
import sys
from copy import deepcopy

import pytest
from django.conf import settings
from wagtail.search.backends import import_backend

from focus.models import FocusAreaPage
from kredsraad_site.settings.base import elasticsearch_backend
from municipalities.models import MunicipalityPage
from search.compound_words import read_word_list


def make_backend(**kwargs):
    params = deepcopy(elasticsearch_backend(["http://user:secret@es.example:9200"], **kwargs))
    backend_class = import_backend(params.pop("BACKEND"))
    return backend_class(params)


def settings_with_env(**env):
    code = (
        "import json, kredsraad_site.settings.base as b;"
        "print(json.dumps(b.WAGTAILSEARCH_BACKENDS, default=str))"
    )
    clean_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("ELASTICSEARCH", "DATABASE_URL"))
    }
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return json.loads(output.stdout)


def test_backend_dotted_path_exists_in_wagtail_8():
    backend = make_backend()
    assert type(backend).__name__ == "Elasticsearch9SearchBackend"
    assert type(backend).__module__ == "modelsearch.backends.elasticsearch9"


def test_without_elasticsearch_url_the_database_backend_is_used():
    backends = settings_with_env()
    assert backends["default"]["BACKEND"] == "search.backends"
    assert "SEARCH_CONFIG" not in backends["default"]


def test_postgres_uses_the_danish_configuration():
    backends = settings_with_env(DATABASE_URL="postgres://u:p@127.0.0.1:5432/x")
    assert backends["default"]["SEARCH_CONFIG"] == "danish"


def test_elasticsearch_url_selects_elasticsearch():
    backends = settings_with_env(
        ELASTICSEARCH_URL="https://elastic:pw@search.example:9243",
        ELASTICSEARCH_INDEX_PREFIX="kreds_test_",
        ELASTICSEARCH_API_KEY="",
    )
    config = backends["default"]
    assert config["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert config["URLS"] == ["https://elastic:pw@search.example:9243"]
    assert config["INDEX_PREFIX"] == "kreds_test_"
    assert config["ATOMIC_REBUILD"] is True
    # The settings read the shipped compound list themselves, in a fresh process.
    analysis = config["INDEX_SETTINGS"]["settings"]["analysis"]
    word_list = analysis["filter"]["danish_decompounder"]["word_list"]
    assert word_list == read_word_list(settings.SEARCH_COMPOUND_WORDS_FILE)


def test_credentials_from_the_url_become_basic_auth():
    backend = make_backend()
    assert backend.hosts == [
        {"host": "es.example", "port": 9200, "path_prefix": "", "scheme": "http"}
    ]
    assert "secret" not in json.dumps(backend.hosts)


def test_index_prefix_and_atomic_rebuild():
    backend = make_backend(index_prefix="kreds_")
    assert backend.get_index_for_model(FocusAreaPage).name == "kreds_wagtailcore_page"
    assert backend.rebuilder_class is backend.atomic_rebuilder_class


def test_danish_default_analyzer():
    analysis = make_backend().settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "standard"
    # Compounds are cut before the stop words and the stemmer, so that their parts are stemmed
    # as the same words typed in a query are; then one token per word and position.
    assert default["filter"] == [
        "lowercase",
        "danish_decompounder",
        "danish_stop",
        "danish_stemmer",
        "same_position_unique",
    ]
    assert analysis["filter"]["danish_stemmer"] == {"type": "stemmer", "language": "danish"}
    assert analysis["filter"]["danish_stop"] == {"type": "stop", "stopwords": "_danish_"}
    assert analysis["filter"]["same_position_unique"] == {
        "type": "unique",
        "only_on_same_position": True,
    }
    # modelsearch's own n-gram filters are kept (deep merge), without folding æøå.
    assert analysis["filter"]["edgengram"]["type"] == "edge_ngram"
    assert "asciifolding" not in analysis["analyzer"]["edgengram_analyzer"]["filter"]
    assert "asciifolding" not in analysis["analyzer"]["ngram_analyzer"]["filter"]


def test_queries_are_analysed_danish_without_the_decompounder():
    """A query word is matched whole: "tryghedsvandring" must not find every page with
    "tryghed"; the compound's parts are in the index, not in the query."""
    analyzers = make_backend().settings["settings"]["analysis"]["analyzer"]
    assert analyzers["default_search"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "danish_stop", "danish_stemmer"],
    }


def test_the_decompounder_carries_the_shipped_word_list_inline():
    decompounder = make_backend().settings["settings"]["analysis"]["filter"]["danish_decompounder"]
    # Inline: the Elasticsearch server's config directory (word_list_path) is not the project's.
    assert "word_list_path" not in decompounder
    assert decompounder["word_list"] == read_word_list(settings.SEARCH_COMPOUND_WORDS_FILE)
    assert {"indbrud", "cykel", "tryghed", "vandring"} <= set(decompounder["word_list"])
    assert decompounder["type"] == "dictionary_decompounder"
    assert decompounder["only_longest_match"] is False
    assert decompounder["min_subword_size"] == 4
    assert decompounder["max_subword_size"] == 20
    assert decompounder["min_word_size"] == 8
    # The whole settings travel to the server as JSON when the index is created.
    assert json.loads(json.dumps(decompounder)) == decompounder


@pytest.mark.parametrize("model", [FocusAreaPage, MunicipalityPage])
def test_page_mapping_uses_the_danish_default_and_consistent_autocomplete(model):
    backend = make_backend()
    mapping = backend.mapping_class(model).get_mapping()
    properties = mapping["properties"]
    # Text fields name no analyzer, so the index's Danish "default" analyzer applies.
    text_fields = [
        (name, field) for name, field in properties.items() if field.get("type") == "text"
    ]
    assert any(name.endswith("summary") for name, _ in text_fields)
    for name, field in text_fields:
        if name.endswith("_edgengrams"):
            assert field["analyzer"] == "edgengram_analyzer"
            assert field["search_analyzer"] == "standard"
        else:
            # So the index's "default" (with compound parts) indexes the field, and its
            # "default_search" (without) analyses the query.
            assert "analyzer" not in field, name
            assert "search_analyzer" not in field, name
    # standard = standard tokenizer + lowercase, exactly the edgengram analyzer without n-grams.
    edgengram = backend.settings["settings"]["analysis"]["analyzer"]["edgengram_analyzer"]
    assert edgengram["filter"][:-1] == ["lowercase"]
    assert "_all_text" in properties
