"""Unit tests for code highlighting and the ``highlight`` Liquid tag."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from liquid import Mode
from liquid.exceptions import LiquidSyntaxError

from liquidpy_site.markdown.highlight import (
    highlight_code_block,
    highlight_liquid_tag,
    highlight_span,
    lex,
    rouge_lexer_tag,
)
from liquidpy_site.rendering.liquid_env import JekyllEnvironment
from liquidpy_site.rendering.tags.highlight import (
    parse_highlight_markup,
    register_highlight_tag,
)

BLOCK_OPEN = '<div class="highlight"><pre class="highlight"><code>'
BLOCK_CLOSE = "</code></pre></div></div>\n"


def render(source: str, config: dict | None = None, mode: Mode = Mode.STRICT) -> str:
    env = JekyllEnvironment(site_config=config or {}, tolerance=mode)
    register_highlight_tag(env)
    return env.from_string(source).render(page={"title": "T"})


# --- lexer lookup and lexing ---------------------------------------------------


def test_rouge_names_and_aliases() -> None:
    assert rouge_lexer_tag("rb") == "ruby"
    assert rouge_lexer_tag("c++") == "cpp"
    assert rouge_lexer_tag("text") == "plaintext"
    assert rouge_lexer_tag("ruby?start_inline=1") == "ruby"
    assert rouge_lexer_tag("Ruby") is None
    assert rouge_lexer_tag("nosuchlang") is None
    assert rouge_lexer_tag(None) is None


@pytest.mark.parametrize("tag", ["python", "ruby", "javascript", "html", "yaml", "c", "css"])
def test_lex_keeps_text(tag: str) -> None:
    code = "a = \"b\" # c\n\n  <d> & 'e'\t\r\nlast"
    assert "".join(value for _, value in lex(code, tag)) == code


def test_lex_merges_adjacent_same_class() -> None:
    spans = lex("f(x))\n", "python")
    assert ("p", "))") in spans


# --- kramdown code blocks ------------------------------------------------------


def test_block_with_language() -> None:
    html = highlight_code_block('puts "x" # c\n', "ruby")
    assert html == (
        '<div class="language-ruby highlighter-rouge">'
        + BLOCK_OPEN
        + '<span class="nb">puts</span> <span class="s2">"x"</span> '
        '<span class="c1"># c</span>\n' + BLOCK_CLOSE
    )


def test_block_without_language_is_plaintext() -> None:
    html = highlight_code_block("a < b & \"c\" 'd'\n", None)
    assert html == (
        '<div class="language-plaintext highlighter-rouge">'
        + BLOCK_OPEN
        + "a &lt; b &amp; \"c\" 'd'\n"
        + BLOCK_CLOSE
    )


def test_block_unknown_language_falls_back_to_pre() -> None:
    assert highlight_code_block('a < "b"\n', "nosuchlang") == (
        '<pre><code class="language-nosuchlang">a &lt; "b"\n</code></pre>\n'
    )


@pytest.mark.parametrize("highlighter", ["none", "pygments", "coderay"])
def test_block_without_rouge(highlighter: str) -> None:
    options = {"highlighter": highlighter}
    assert highlight_code_block("x\n", "ruby", options) == (
        '<pre><code class="language-ruby">x\n</code></pre>\n'
    )
    assert highlight_code_block("x\n", None, options) == "<pre><code>x\n</code></pre>\n"


def test_block_null_highlighter_means_rouge() -> None:
    assert "highlighter-rouge" in highlight_code_block("x\n", "ruby", {"highlighter": None})


def test_block_empty_code() -> None:
    assert highlight_code_block("", "ruby") == (
        '<div class="language-ruby highlighter-rouge">' + BLOCK_OPEN + BLOCK_CLOSE
    )


def test_block_attributes_and_indent() -> None:
    html = highlight_code_block(
        "x\n", None, attrs={"class": "language-ruby foo", "id": "a"}, indent=4
    )
    assert html.startswith('    <div class="language-ruby foo highlighter-rouge" id="a">')
    assert html.endswith("</code></pre></div>    </div>\n")


def test_block_options() -> None:
    options = {
        "kramdown": {
            "syntax_highlighter_opts": {
                "default_lang": "ruby",
                "css_class": "code",
                "block": {"line_numbers": True, "start_line": 5},
            }
        }
    }
    html = highlight_code_block("x\ny\n", None, options)
    assert html.startswith('<div class="language-ruby highlighter-rouge"><div class="highlight">')
    assert '<pre class="code"><code><table class="rouge-table"><tbody><tr>' in html
    assert '<td class="rouge-gutter gl"><pre class="lineno">5\n6\n</pre></td>' in html
    assert '<td class="rouge-code"><pre>' in html


def test_block_guess_lang_false_leaves_plaintext_unhighlighted() -> None:
    options = {"kramdown": {"guess_lang": False}}
    assert highlight_code_block("x\n", None, options) == "<pre><code>x\n</code></pre>\n"


def test_block_disable_and_nowrap() -> None:
    disabled = {"kramdown": {"syntax_highlighter_opts": {"disable": True}}}
    assert highlight_code_block("x\n", "ruby", disabled).startswith("<pre><code")
    nowrap = {"kramdown": {"syntax_highlighter_opts": {"block": {"wrap": False}}}}
    assert highlight_code_block("x\n", "text", nowrap) == (
        '<div class="language-text highlighter-rouge">x\n</div>\n'
    )


# --- code spans ----------------------------------------------------------------


def test_span_with_language() -> None:
    assert highlight_span("x = 1", "ruby") == (
        '<code class="language-ruby highlighter-rouge"><span class="n">x</span> '
        '<span class="o">=</span> <span class="mi">1</span></code>'
    )


def test_span_without_language_and_without_rouge() -> None:
    assert highlight_span("<a>", None) == (
        '<code class="language-plaintext highlighter-rouge">&lt;a&gt;</code>'
    )
    assert highlight_span("<a>", None, {"highlighter": "none"}) == "<code>&lt;a&gt;</code>"
    assert highlight_span("x", "ruby", {"highlighter": "none"}) == (
        '<code class="language-ruby">x</code>'
    )


# --- the {% highlight %} output ------------------------------------------------


def test_tag_output_shape() -> None:
    assert highlight_liquid_tag("\n\nx\n\n", "Ruby") == (
        '<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby">'
        '<span class="n">x</span></code></pre></figure>'
    )


def test_tag_plus_becomes_dash_in_class() -> None:
    assert '<code class="language-c--" data-lang="c++">' in highlight_liquid_tag("int x;", "c++")


def test_tag_linenos_table() -> None:
    assert highlight_liquid_tag("a\nb", "nosuch", linenos="inline") == (
        '<figure class="highlight"><pre><code class="language-nosuch" data-lang="nosuch">'
        '<table class="rouge-table"><tbody><tr><td class="gutter gl">'
        '<pre class="lineno">1\n2\n</pre></td><td class="code"><pre>a\nb\n</pre></td>'
        "</tr></tbody></table></code></pre></figure>"
    )


def test_tag_highlighter_none_escapes_and_strips() -> None:
    out = highlight_liquid_tag("  \"a\" <b> & 'c'  \n", "ruby", linenos=True, highlighter="none")
    assert out.endswith(">&quot;a&quot; &lt;b&gt; &amp; &#39;c&#39;</code></pre></figure>")


# --- the Liquid tag ------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "lang", "options"),
    [
        ("ruby", "ruby", {}),
        ("  C++  ", "c++", {}),
        ("ruby linenos", "ruby", {"linenos": "inline"}),
        ("ruby linenos=table", "ruby", {"linenos": "table"}),
        ('ruby mark_lines="1 2" linenos', "ruby", {"mark_lines": ["1", "2"], "linenos": "inline"}),
        ("c# foo=bar", "c#", {"foo": "bar"}),
    ],
)
def test_parse_markup(markup: str, lang: str, options: dict) -> None:
    assert parse_highlight_markup(markup) == (lang, options)


@pytest.mark.parametrize("markup", ["", "ruby linenos=", 'ruby "x"', 'ruby hl="a b"', "ruby x-y"])
def test_parse_markup_errors(markup: str) -> None:
    with pytest.raises(LiquidSyntaxError) as info:
        parse_highlight_markup(markup)
    message = str(info.value)
    assert message.startswith("Syntax Error in tag 'highlight' while parsing the following markup:")
    assert "Valid syntax: highlight <lang> [linenos]" in message


def test_tag_renders_body_as_liquid() -> None:
    out = render(
        "{% highlight text %}{{ page.title }} {% raw %}{{ x }}{% endraw %}{% endhighlight %}"
    )
    assert ">T {{ x }}</code>" in out


def test_tag_marklines_is_ignored() -> None:
    plain = render("{% highlight ruby %}a\nb{% endhighlight %}")
    assert render('{% highlight ruby mark_lines="1 2" %}a\nb{% endhighlight %}') == plain


def test_tag_uses_site_highlighter() -> None:
    out = render("{% highlight ruby %}'x'{% endhighlight %}", {"highlighter": "none"})
    assert ">&#39;x&#39;</code>" in out


def test_tag_syntax_error_raised_in_strict_mode() -> None:
    with pytest.raises(LiquidSyntaxError):
        render("{% highlight %}x{% endhighlight %}")


def test_tag_unclosed_raises() -> None:
    with pytest.raises(LiquidSyntaxError):
        render("{% highlight ruby %}x")


# --- Rouge's token classes for languages scanned or rewritten closely ---------


def spans(code: str, lang: str) -> list[tuple[str, str]]:
    tag = rouge_lexer_tag(lang)
    assert tag is not None
    return lex(code, tag)


def test_shell_commands_keywords_and_flags() -> None:
    assert spans("if [ -f a ]; then echo hi; fi\n", "bash") == [
        ("k", "if"),
        ("", " "),
        ("o", "["),
        ("", " "),
        ("nt", "-f"),
        ("", " a "),
        ("o", "]"),
        ("p", ";"),
        ("", " "),
        ("k", "then "),
        ("nb", "echo "),
        ("", "hi"),
        ("p", ";"),
        ("", " "),
        ("k", "fi"),
        ("", "\n"),
    ]


def test_shell_interpolation_and_comment() -> None:
    assert spans('x=$(date) # now\necho "${HOME}"\n', "sh") == [
        ("nv", "x"),
        ("o", "="),
        ("si", "$("),
        ("nb", "date"),
        ("si", ")"),
        ("", " "),
        ("c", "# now"),
        ("", "\n"),
        ("nb", "echo"),
        ("", " "),
        ("s2", '"'),
        ("k", "${"),
        ("nv", "HOME"),
        ("k", "}"),
        ("s2", '"'),
        ("", "\n"),
    ]


def test_console_prompt_command_and_output() -> None:
    assert spans("$ ls -l\ntotal 0\n", "console") == [
        ("gp", "$"),
        ("w", " "),
        ("nb", "ls"),
        ("", " "),
        ("nt", "-l"),
        ("", "\n"),
        ("go", "total 0\n"),
    ]


def test_diff_lines_keep_their_newlines() -> None:
    assert spans("@@ -1 +1 @@\n-a\n+b\n c\n", "diff") == [
        ("p", "@@ -1 +1 @@"),
        ("", "\n"),
        ("gd", "-a\n"),
        ("gi", "+b\n"),
        ("", " c\n"),
    ]


def test_liquid_output_and_tag() -> None:
    assert spans("{{ page.title | upcase }}{% if x %}", "liquid") == [
        ("p", "{{"),
        ("w", " "),
        ("nv", "page"),
        ("p", "."),
        ("nv", "title"),
        ("w", " "),
        ("p", "|"),
        ("w", " "),
        ("nf", "upcase"),
        ("w", " "),
        ("p", "}}{%"),
        ("w", " "),
        ("kr", "if"),
        ("w", " "),
        ("nv", "x"),
        ("w", " "),
        ("p", "%}"),
    ]


def test_css_selectors_properties_and_values() -> None:
    assert spans("a.b:hover { color: red; margin: 0 auto; }", "css") == [
        ("nt", "a"),
        ("nc", ".b"),
        ("nd", ":hover"),
        ("", " "),
        ("p", "{"),
        ("", " "),
        ("nl", "color"),
        ("p", ":"),
        ("", " "),
        ("no", "red"),
        ("p", ";"),
        ("", " "),
        ("nl", "margin"),
        ("p", ":"),
        ("", " "),
        ("m", "0"),
        ("", " "),
        ("nb", "auto"),
        ("p", ";"),
        ("", " "),
        ("p", "}"),
    ]


def test_scss_variables_and_functions() -> None:
    assert spans("$x: darken($y, 10%);", "scss") == [
        ("nv", "$x"),
        ("p", ":"),
        ("", " "),
        ("nf", "darken"),
        ("p", "("),
        ("nv", "$y"),
        ("o", ","),
        ("", " "),
        ("m", "10%"),
        ("p", ");"),
    ]


def test_javascript_string_delimiters() -> None:
    assert spans("let s = 'a\\n';", "js") == [
        ("kd", "let"),
        ("", " "),
        ("nx", "s"),
        ("", " "),
        ("o", "="),
        ("", " "),
        ("dl", "'"),
        ("s1", "a"),
        ("se", "\\n"),
        ("dl", "'"),
        ("p", ";"),
    ]


def test_java_method_names_and_constants() -> None:
    code = "  static int max(int a) { return MAX; }"
    classes = {value: css for css, value in spans(code, "java")}
    assert classes["max"] == "nf"
    assert classes["MAX"] == "no"


def test_sql_words_rouge_classes_differently() -> None:
    classes = {value: css for css, value in spans("CREATE TABLE t (d TIMESTAMP);", "sql")}
    assert classes["TIMESTAMP"] == "nb"
    assert classes["CREATE"] == "k"


def test_python_comment_takes_its_newline() -> None:
    assert ("c1", "# note\n") in spans("x = 1  # note\ny = 2\n", "python")


def test_tag_prefix_and_suffix_from_context() -> None:
    env = JekyllEnvironment(site_config={})
    register_highlight_tag(env)
    template = env.from_string("{% highlight text %}x{% endhighlight %}")
    out = template.render(highlighter_prefix="[", highlighter_suffix="]")
    assert out.startswith("[<figure") and out.endswith("</figure>]")


_FUZZ_PIECES = [
    *"aZ09 _-.,;:{}()[]<>=!?*&|$#%@'\"`\\/\n\t+~",
    *["{{", "{%", "%}", "}}", "${", "$(", "<<EOF\n", "EOF\n", "/*", "*/", "//", "<!--", "-->"],
    *["#{", "'''", "case ", "esac", " in ", "if ", "def ", "@media ", "url(", "---\n", "@@ "],
    *["$ ", "template<", "public:", 'f"{', ":>5}", "include ", "raw", "endraw", '\\"'],
]
_FUZZ_LANGS = [
    "shell",
    "console",
    "diff",
    "liquid",
    "css",
    "scss",
    "javascript",
    "typescript",
    "html",
    "java",
    "c",
    "cpp",
    "python",
    "ruby",
    "sql",
    "yaml",
    "json",
    "toml",
    "go",
    "xml",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_FUZZ_PIECES), max_size=40).map("".join),
    st.sampled_from(_FUZZ_LANGS),
)
def test_lexing_never_changes_or_loses_text(code: str, lang: str) -> None:
    assert "".join(value for _, value in spans(code, lang)) == code


@pytest.mark.parametrize("tag", ["css", "scss", "diff", "console", "liquid"])
def test_scanned_languages_never_make_their_pygments_lexer(tag: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from liquidpy_site.markdown.highlight import _lexing

    code = {"css": "a { color: red; }", "scss": "$x: 1px;", "diff": "+added\n-removed",
            "console": "$ ls -la", "liquid": "{{ page.title }}"}[tag]
    expected = _lexing.lex(code, tag)
    made: list[str] = []
    original = _lexing._pygments_lexer
    monkeypatch.setattr(_lexing, "_pygments_lexer", lambda t: made.append(t) or original(t))
    assert _lexing.lex(code, tag) == expected and len(expected) > 1
    assert made == []  # making a regex lexer compiles every one of its rules


def test_lineage_answers_as_pygments_membership_does() -> None:
    from pygments.token import Comment, Name, String, Text, Token

    from liquidpy_site.markdown.highlight._families import lineage

    strings = lineage(String)
    assert lineage(String) is strings
    later = Token.String.MadeAfterTheTable  # Pygments makes a type on first access
    for ttype in (String, String.Double, later, Name, Text, Token, Comment.Single):
        assert strings[ttype] is (ttype in String)
    either = lineage(Name.Builtin, Comment)
    assert [either[t] for t in (Name, Name.Builtin, Name.Builtin.Pseudo, Comment.Single, Text)] \
        == [False, True, True, True, False]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["String", "Name", "Comment", "Keyword", "Text", "Number",
                                 "Double", "Single", "Builtin", "Pseudo", "Magic"]), max_size=4),
       st.lists(st.sampled_from(["String", "Name", "Comment", "Double", "Builtin", "Magic"]), max_size=3))
def test_lineage_matches_membership_for_any_types(path: list[str], family_path: list[str]) -> None:
    from pygments.token import Token

    from liquidpy_site.markdown.highlight._families import lineage

    ttype, family = Token, Token
    for part in path:
        ttype = getattr(ttype, part)
    for part in family_path:
        family = getattr(family, part)
    assert lineage(family)[ttype] is (ttype in family)
