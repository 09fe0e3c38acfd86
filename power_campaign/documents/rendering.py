"""PDF rendering with WeasyPrint, from templates under templates/pdf/.

WeasyPrint may load only the project's own static files (stylesheets, fonts) and the images the caller
hands over (`images={"name.png": bytes}`, shown by the template as `<img src="images/name.png">`): the URL
fetcher refuses every other URL, `file:` paths and `data:` URIs, so that nothing a user typed can make
the server fetch anything. Templates autoescape all user text.
"""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse

# Static URLs in printed templates resolve against this origin; it is never contacted.
BASE_URL = "https://documents.invalid/"
MIME_TYPES = {
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


class RefusedURL(ValueError):
    pass


IMAGES_URL = BASE_URL + "images/"


class StaticOnlyFetcher(URLFetcher):
    """Serves the project's static files to WeasyPrint, and the caller's PNG images; nothing else."""

    def __init__(self, *args, images=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.images = images or {}

    def fetch(self, url, headers=None):
        if url.startswith(IMAGES_URL):
            name = url[len(IMAGES_URL) :]
            if name not in self.images:
                raise RefusedURL(f"No such image: {name[:200]!r}")
            return URLFetcherResponse(url, self.images[name], {"Content-Type": "image/png"})
        prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
        if not url.startswith(prefix):
            raise RefusedURL(f"PDF rendering may only load the project's static files, not {url[:200]!r}")
        path = unquote(urlsplit(url).path)[len("/" + settings.STATIC_URL.lstrip("/")) :]
        safe = path and not path.startswith("/") and ".." not in path.split("/")
        body = self.static_file(path) if safe else None
        if body is None:
            raise RefusedURL(f"No such static file: {path[:200]!r}")
        suffix = "." + path.rsplit(".", 1)[-1].lower()
        return URLFetcherResponse(
            url, body, {"Content-Type": MIME_TYPES.get(suffix, "application/octet-stream")}
        )

    @staticmethod
    def static_file(path):
        """The bytes of a static file: from the project's sources, or (in production, where `{% static %}`
        names the hashed copies collectstatic made) from the collected files; None if there is none."""
        found = finders.find(path)
        if found:
            with open(found, "rb") as handle:
                return handle.read()
        if settings.STATIC_ROOT and staticfiles_storage.exists(path):
            with staticfiles_storage.open(path) as handle:
                return handle.read()
        return None


def render_pdf(
    template,
    context,
    language,
    *,
    title,
    document_id="",
    confidentiality="",
    page_numbers=True,
    signature_time="",
    images=None,
):
    """Render `template` (under templates/pdf/) in `language`; return the PDF bytes. `images` maps names to
    PNG bytes the caller has checked (e.g. with uploads.clean_image), shown as `images/<name>`.

    Every page carries the title and document ID in its header, "Page X of Y", the generation
    date and, if given, a confidentiality marking (e.g. "Confidential: 8 U.S.C. 1367"). A document to
    be signed says in its footer which time its signature carries (`signature_time`, from
    signing.signature_time(): "timestamp" or "clock").
    """
    with translation.override(language):
        page_label = gettext("Page %(page)s of %(pages)s").replace('"', "")
        page_counter_css = (
            '"' + page_label % {"page": '" counter(page) "', "pages": '" counter(pages) "'} + '"'
        )
        if not page_numbers:  # packets carry Bates numbers instead
            page_counter_css = '""'
        html = render_to_string(
            template,
            {
                **context,
                "document_title": title,
                "document_id": document_id,
                "confidentiality": confidentiality,
                "signature_time": signature_time,
                "generated_at": timezone.localtime(),
                "LANGUAGE_CODE": language,
                "page_counter_css": page_counter_css,
            },
        )
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher(images=images)).render()
    return document.write_pdf()
