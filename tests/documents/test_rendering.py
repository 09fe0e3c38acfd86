import io

import pytest
from pypdf import PdfReader

from power_campaign.documents.rendering import BASE_URL, RefusedURL, StaticOnlyFetcher, render_pdf


def pages_text(pdf):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def render(language="en", **kwargs):
    rows = [(f"Row {n}", "Texto con acentos: ñandú, acción, ¿qué?") for n in range(45)]
    context = {"rows": rows, "heading": kwargs.pop("heading", "Worksite notice")}
    return render_pdf(
        "pdf/test_sample.html",
        context,
        language,
        title="Notice to workers",
        document_id="c0ffee00-0000-4000-8000-000000000001",
        **kwargs,
    )


def test_every_page_has_title_id_page_number_and_date():
    texts = pages_text(render())
    assert len(texts) == 2
    for number, text in enumerate(texts, start=1):
        assert "Notice to workers" in text
        assert "ID c0ffee00-0000-4000-8000-000000000001" in text
        assert f"Page {number} of 2" in text
        assert "Generated " in text


def test_confidentiality_marking_is_on_every_page():
    texts = pages_text(render(confidentiality="Confidential: 8 U.S.C. 1367"))
    assert [("Confidential: 8 U.S.C. 1367" in text) for text in texts] == [True, True]


def test_spanish_rendering_translates_the_page_footer_and_keeps_accents():
    texts = pages_text(render("es"))
    assert "Página 1 de 2" in texts[0]
    assert "ñandú, acción, ¿qué?" in texts[0]


def test_the_projects_font_is_embedded():
    reader = PdfReader(io.BytesIO(render()))
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any(name.endswith("+Noto-Sans") for name in fonts), fonts


@pytest.mark.django_db
def test_in_production_the_hashed_static_files_are_served_to_the_renderer(settings, tmp_path, caplog):
    """With DEBUG off, `{% static %}` names collectstatic's hashed copies (print.<hash>.css, fonts
    likewise): the renderer finds them, so production PDFs carry the stylesheet and the project's font."""
    from django.core.management import call_command
    from django.templatetags.static import static

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    settings.DEBUG = False
    assert static("css/print.css") != "/static/css/print.css"  # a hashed name

    with caplog.at_level("WARNING", logger="weasyprint"):
        pdf = render()

    assert [record.getMessage() for record in caplog.records if "Failed" in record.getMessage()] == []
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any(name.endswith("+Noto-Sans") for name in fonts), fonts
    assert "Page 1 of 2" in pages_text(pdf)[0]  # the stylesheet's running footer


@pytest.mark.parametrize(
    "url", [BASE_URL + "static//etc/passwd", BASE_URL + "static/%2E%2E/%2E%2E/etc/passwd"]
)
def test_fetcher_refuses_absolute_and_encoded_parent_paths(url):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(url)


def test_user_text_is_escaped_not_interpreted():
    text = "".join(pages_text(render(heading='<img src="https://example.org/x.png"> & co')))
    assert '<img src="https://example.org/x.png"> & co' in text


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "data:text/plain,hello",
        BASE_URL + "static/../../../etc/passwd",
        BASE_URL + "media/exhibits/secret.pdf",
    ],
)
def test_fetcher_refuses_anything_but_the_projects_static_files(url):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_a_static_file():
    response = StaticOnlyFetcher().fetch(BASE_URL + "static/css/print.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_a_template_pointing_outside_renders_without_fetching(monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the renderer tried to open a URL")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    pdf = render_pdf("pdf/test_external.html", {}, "en", title="External")
    assert pdf.startswith(b"%PDF-")


def test_fetcher_serves_only_the_images_it_was_given():
    png = b"\x89PNG\r\n\x1a\nrest"
    fetcher = StaticOnlyFetcher(images={"union.png": png})
    response = fetcher.fetch(BASE_URL + "images/union.png")
    assert (response.content_type, response.read()) == ("image/png", png)
    for name in ("employer.png", "../static/css/print.css", ""):
        with pytest.raises(RefusedURL):
            fetcher.fetch(BASE_URL + "images/" + name)
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(BASE_URL + "images/union.png")
