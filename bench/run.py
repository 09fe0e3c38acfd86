"""The benchmark suite (`make bench`; never part of `make test`): pages, then documents.

1. pages: bench/scale.py, in a child process, on PostgreSQL: a coalition-sized data set (200
   organizations, 20,000 worksites, 200,000 incidents, 50,000 evidence records, 5,000 agreements... each
   app's `<app>/bench.py` seeds its own and names its pages), then the main pages of each role: p50, p95,
   queries on an empty organization and at full scale, floor_ratio, and the Django admin change list as
   the generic alternative. See bench/scale.py for the budgets. `--reuse` and `--busy` are passed on.

2. documents, in a throwaway SQLite database and media folder under a temporary directory (the
   developer's database and files are never touched; signing uses the settings' certificate, with DEBUG
   on and SIGNING_PKCS12_PATH unset the development certificate under var/signing/):

   - agreement: a signed 10-page neutrality agreement, made by the agreements service
     (generate_agreement_pdf: template, WeasyPrint, pyHanko signature, stored document). One warm-up,
     then the median of 5 runs. Compared with WeasyPrint alone rendering the same HTML (captured from
     the service's own call): budget at most 1.3 times.
   - packet: an exhibit packet from 30 exhibits holding 150 pages: 14 born-digital PDFs (the notice,
     2 to 12 pages each), 6 scanned PDFs (200 dpi greyscale page images) and 10 phone pictures
     (8 noisy 3000 x 2000 JPEG photos, 2 of them rotated by EXIF, and 2 PNG screenshots). The
     exhibits are uploaded beforehand (not measured); what is measured is the generation the task
     worker does: cover and index, separators, Bates numbers, signing, the ZIP archive, storage
     (services.build_packet). It runs once, cold, in a fresh child process, so that the peak resident
     memory (VmHWM, including Python, Django and the libraries) is the generation's alone. Budgets:
     under 20 s and under 500 MB (10^6 bytes) peak memory, and at most 1.3 times what WeasyPrint alone
     takes to render the same number of pages (the bilingual notice, 150 pages, also cold in a fresh
     child process, whose peak memory is reported beside the packet's).

One table of pages and one of documents are printed, and everything is written to
var/bench/latest.json. Exit status 0 if every figure is within budget, 1 otherwise.
"""

import datetime
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULT_PATH = BASE_DIR / "var" / "bench" / "latest.json"

PAGES_RESULT_PATH = BASE_DIR / "var" / "bench" / "pages.json"

BUDGET_WEASYPRINT_RATIO = 1.3
PACKET_BUDGET_SECONDS = 20.0
PACKET_BUDGET_PEAK_MB = 500.0

DOCUMENT_PAGES = 10
DOCUMENT_RUNS = 5
NOTICE_TEMPLATE = "pdf/notice_ice_rights.html"
NOTICE_TITLE = "Know your rights at work / Conozca sus derechos"

# The packet's exhibits: copies of the notice (2 pages per copy), scanned pages, photos.
BORN_DIGITAL_COPIES = [2, 3, 4, 5, 6, 2, 3, 4, 5, 6, 2, 3, 4, 6]  # 55 copies: 110 pages
SCANNED_PAGES = [3, 4, 5, 5, 6, 7]  # 30 pages
JPEG_PHOTOS = 8
PNG_SCREENSHOTS = 2
EXHIBIT_PAGES = 2 * sum(BORN_DIGITAL_COPIES) + sum(SCANNED_PAGES) + JPEG_PHOTOS + PNG_SCREENSHOTS

CHILD_FLAG = "--packet-child"
WEASYPRINT_CHILD_FLAG = "--weasyprint-child"


# --- Setup -------------------------------------------------------------------------------------


def configure(workdir):
    """Point Django at a throwaway database and media folder under `workdir`, then set it up."""
    os.environ.setdefault("DEBUG", "true")
    os.environ["DJANGO_SETTINGS_MODULE"] = "power_campaign.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))

    import django

    django.setup()


def page_count(pdf):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def memory_kib(field):
    """VmRSS (current) or VmHWM (peak) resident set size of this process, in KiB (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not found in /proc/self/status")


def kib_to_mb(kib):
    return kib * 1024 / 1_000_000


# --- Scenario 1: a signed 10-page neutrality agreement ------------------------------------------


class CapturedHTML:
    """While active, keeps the last HTML string the documents app hands to WeasyPrint."""

    def __init__(self):
        self.html = None

    def __enter__(self):
        from power_campaign.documents import rendering

        self.original = rendering.HTML

        def recording(*args, **kwargs):
            self.html = kwargs.get("string")
            return self.original(*args, **kwargs)

        rendering.HTML = recording
        return self

    def __exit__(self, *exc):
        from power_campaign.documents import rendering

        rendering.HTML = self.original


def weasyprint_alone(html):
    """WeasyPrint alone: the same HTML, base URL and static-file fetcher as the documents app uses."""
    from weasyprint import HTML

    from power_campaign.documents.rendering import BASE_URL, StaticOnlyFetcher

    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).render().write_pdf()


def agreement_of(pages, organization, user):
    """A drafted agreement whose printed text has `pages` pages (the template's sections repeated)."""
    from agreements import services as agreements
    from agreements.models import AgreementTemplate
    from cases import services as cases

    worksite = cases.create_worksite(
        organization=organization, user=user, employer_name="Golden Valley Foods", city="Fresno", state="CA"
    )
    template = AgreementTemplate.objects.filter(status=AgreementTemplate.Status.PUBLISHED).first()
    sections = template.section_dicts()
    values = {
        "employer": "Golden Valley Foods, Inc.",
        "union": "Local 1000",
        "sites": "2200 Industrial St, Fresno, CA",
        "term_months": "36",
        "effective_date": "2027-01-01",
    }
    agreement = agreements.create_agreement(worksite=worksite, template=template, values=values, user=user)
    for copies in range(1, 40):
        agreements.save_draft(
            agreement=agreement, sections=agreements.fill(sections, values) * copies, values=values, user=user
        )
        document = agreements.generate_agreement_pdf(agreement=agreement, user=user)
        with document.file.open("rb") as file:
            found = page_count(file.read())
        if found >= pages:
            return agreement, found
    raise SystemExit(f"The agreement never reached {pages} pages.")


def bench_agreement(organization, user):
    from agreements import services as agreements

    agreement, pages = agreement_of(DOCUMENT_PAGES, organization, user)

    def once():
        started = time.perf_counter()
        with CapturedHTML() as captured:
            document = agreements.generate_agreement_pdf(agreement=agreement, user=user)
        return time.perf_counter() - started, captured.html, document

    html = once()[1]  # warm-up: fonts, templates, the signing key
    weasyprint_alone(html)  # warm-up
    # Each run, then WeasyPrint alone on the same HTML, in turn: whatever else the machine does weighs
    # on both alike.
    runs, alone = [], []
    for _ in range(DOCUMENT_RUNS):
        runs.append(once())
        started = time.perf_counter()
        pdf = weasyprint_alone(runs[-1][1])
        alone.append(time.perf_counter() - started)
    html, document = runs[-1][1], runs[-1][2]
    seconds, alone_seconds = statistics.median(r[0] for r in runs), statistics.median(alone)
    ratio = seconds / alone_seconds
    return {
        "pages": pages,
        "alone_pages": page_count(pdf),
        "size_bytes": document.size,
        "seconds": round(seconds, 3),
        "weasyprint_seconds": round(alone_seconds, 3),
        "ratio": round(ratio, 2),
        "runs_seconds": [round(r[0], 3) for r in runs],
        "budget_ratio": BUDGET_WEASYPRINT_RATIO,
        "pass": ratio <= BUDGET_WEASYPRINT_RATIO,
    }


# --- Scenario 2: a packet from 30 exhibits (150 pages) ------------------------------------------


def scanned_pdf(pages, seed):
    """A scanner's output: 200 dpi greyscale page images (JPEG inside the PDF), with paper noise."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    font = ImageFont.load_default(size=30)
    images = []
    for number in range(1, pages + 1):
        page = Image.new("L", (1700, 2200), 246)
        draw = ImageDraw.Draw(page)
        draw.text((150, 140), f"PAY STATEMENT / TALON DE PAGO  {seed}-{number}", fill=20, font=font)
        for line in range(60):
            y = 260 + line * 30
            words = rng.randint(6, 14)
            x = 150
            for _ in range(words):
                width = rng.randint(40, 140)
                draw.rectangle((x, y, x + width, y + 14), fill=rng.randint(20, 70))
                x += width + 18
                if x > 1500:
                    break
        noise = Image.effect_noise(page.size, 18)
        page = Image.blend(page, noise, 0.12).rotate(rng.uniform(-0.8, 0.8), fillcolor=246)
        images.append(page)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=200.0, quality=80)
    return buffer.getvalue()


def photo_jpeg(seed, orientation=None):
    """A 6-megapixel phone photo: gradient, shapes and sensor noise, so it does not compress away."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    size = (3000, 2000)
    gradient = Image.linear_gradient("L")
    background = Image.merge(
        "RGB",
        [gradient.resize(size), gradient.rotate(90).resize(size), Image.radial_gradient("L").resize(size)],
    )
    draw = ImageDraw.Draw(background)
    for _ in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randint(80, 700), rng.randint(80, 500)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.rectangle if rng.random() < 0.5 else draw.ellipse)((x, y, x + w, y + h), fill=colour)
    noise = Image.merge("RGB", [Image.effect_noise(size, 40) for _ in range(3)])
    image = Image.blend(background, noise, 0.25)
    options = {"quality": 88}
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation  # Orientation: the phone was held sideways
        options["exif"] = exif
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def screenshot_png(seed):
    """A phone screenshot of a message thread: flat colours and text, 1170 x 2532."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    font = ImageFont.load_default(size=40)
    image = Image.new("RGB", (1170, 2532), "white")
    draw = ImageDraw.Draw(image)
    y = 200
    while y < 2350:
        mine = rng.random() < 0.5
        height = rng.randint(90, 260)
        left = 480 if mine else 40
        draw.rounded_rectangle(
            (left, y, left + 650, y + height), radius=40, fill="#1d72f3" if mine else "#e9e9eb"
        )
        draw.text(
            (left + 30, y + 25),
            "Don't come in tomorrow, we're closed",
            fill="white" if mine else "black",
            font=font,
        )
        y += height + 40
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def exhibit_files(organization):
    """The 30 exhibits as (name, bytes, description), in upload order."""
    from power_campaign.documents.demo import notice_context
    from power_campaign.documents.rendering import render_pdf

    files = []
    for index, copies in enumerate(BORN_DIGITAL_COPIES, start=1):
        pdf = render_pdf(
            NOTICE_TEMPLATE,
            notice_context(organization, copies=copies),
            "en",
            title=f"Notice posted at site {index}",
            document_id=str(uuid.uuid4()),
        )
        files.append((f"notice-site-{index}.pdf", pdf, f"Notice distributed at site {index}"))
    for index, pages in enumerate(SCANNED_PAGES, start=1):
        files.append((f"scan-{index}.pdf", scanned_pdf(pages, index), f"Scanned pay statements, set {index}"))
    for index in range(1, JPEG_PHOTOS + 1):
        orientation = 6 if index in (3, 7) else None
        files.append(
            (f"IMG_{4000 + index}.jpg", photo_jpeg(index, orientation), f"Photo {index} at the site")
        )
    for index in range(1, PNG_SCREENSHOTS + 1):
        files.append(
            (f"Screenshot {index}.png", screenshot_png(index), f"Text messages from the supervisor {index}")
        )
    return files


def prepare_packet(organization, user):
    """A draft packet holding the 30 exhibits, uploaded through the real service. Not measured."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from power_campaign.documents import services
    from power_campaign.documents.models import Access

    packet = services.create_packet(
        organization=organization,
        title="Benchmark: wage theft and I-9 retaliation evidence",
        bates_prefix="BENCH",
        access=Access.LEGAL,
        language="en",
        user=user,
    )
    files = exhibit_files(organization)
    pages = 0
    for name, data, description in files:
        exhibit = services.add_exhibit(
            packet=packet, upload=SimpleUploadedFile(name, data), description=description, user=user
        )
        pages += exhibit.page_count
    assert pages == EXHIBIT_PAGES, f"the exhibits have {pages} pages, expected {EXHIBIT_PAGES}"
    return {
        "packet_uuid": str(packet.uuid),
        "exhibits": len(files),
        "exhibit_pages": pages,
        "exhibit_bytes": sum(len(data) for _name, data, _description in files),
    }


class StepTimer:
    """Wall time spent in named functions of the generation (wrapped in the child process only),
    and how much each raised the peak resident memory."""

    def __init__(self):
        self.seconds, self.peak_raise_kib = {}, {}

    def wrap(self, owner, attribute, step):
        original = getattr(owner, attribute, None)
        if original is None:  # the code moved on: report what can still be found
            return

        def timed(*args, **kwargs):
            peak_before, started = memory_kib("VmHWM"), time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[step] = self.seconds.get(step, 0) + time.perf_counter() - started
                raised = memory_kib("VmHWM") - peak_before
                self.peak_raise_kib[step] = self.peak_raise_kib.get(step, 0) + raised

        setattr(owner, attribute, timed)


def packet_child(workdir, packet_uuid):
    """In a fresh process: generate the packet once, write the figures to workdir/packet.json."""
    configure(workdir)
    from pypdf import PdfWriter

    from power_campaign.documents import packets, services
    from power_campaign.documents.models import Packet

    steps = StepTimer()
    steps.wrap(packets, "_exhibit_pages", "read exhibits, image pages (pypdf, Pillow)")
    steps.wrap(packets, "render_pdf", "cover, index, separators (WeasyPrint)")
    steps.wrap(packets, "_stamp_bates", "Bates numbers (pypdf)")
    steps.wrap(PdfWriter, "write", "write packet PDF (pypdf)")
    steps.wrap(services, "sign_pdf", "sign (pyHanko)")
    steps.wrap(packets, "archive", "ZIP archive")

    packet = Packet.objects.select_related("created_by").get(uuid=packet_uuid)
    baseline_kib = memory_kib("VmRSS")
    started = time.perf_counter()
    services.queue_packet(packet=packet, user=packet.created_by)  # immediate backend: builds it now
    seconds = time.perf_counter() - started
    peak_kib = memory_kib("VmHWM")
    packet.refresh_from_db()
    accounted = sum(steps.seconds.values())
    steps.seconds["other (database, storage, hashing)"] = max(seconds - accounted, 0)
    figures = {
        "status": packet.status,
        "error": packet.error,
        "pages": packet.page_count,
        "pdf_bytes": packet.document.size if packet.document else None,
        "archive_bytes": packet.archive.size if packet.archive else None,
        "seconds": seconds,
        "peak_kib": peak_kib,
        "baseline_rss_kib": baseline_kib,
        "steps_seconds": {step: round(value, 3) for step, value in steps.seconds.items()},
        "steps_peak_raise_mb": {
            step: round(kib_to_mb(value), 1) for step, value in steps.peak_raise_kib.items()
        },
    }
    (Path(workdir) / "packet.json").write_text(json.dumps(figures))


class _Captured(Exception):  # carries the HTML out of render_pdf
    pass


def html_of(template, context, language, title):
    """The HTML render_pdf hands to WeasyPrint for `template` (captured; no PDF is made)."""
    from power_campaign.documents import rendering

    original = rendering.HTML

    def capture(*args, **kwargs):
        raise _Captured(kwargs.get("string"))

    rendering.HTML = capture
    try:
        rendering.render_pdf(template, context, language, title=title, document_id=str(uuid.uuid4()))
    except _Captured as captured:
        return captured.args[0]
    finally:
        rendering.HTML = original
    raise RuntimeError("render_pdf did not call WeasyPrint")


def weasyprint_child(workdir, pages):
    """In a fresh process: WeasyPrint alone renders about `pages` pages of the notice, once, cold; the
    figures (time, peak memory, like the packet's) go to workdir/weasyprint.json."""
    configure(workdir)
    from power_campaign.accounts.models import Organization
    from power_campaign.documents.demo import notice_context

    organization = Organization.objects.get(name="Local 1000 (benchmark)")
    context = notice_context(organization, copies=max(pages // 2, 1))
    html = html_of(NOTICE_TEMPLATE, context, "en", NOTICE_TITLE)
    baseline_kib = memory_kib("VmRSS")
    started = time.perf_counter()
    pdf = weasyprint_alone(html)
    seconds = time.perf_counter() - started
    figures = {
        "pages": page_count(pdf),
        "seconds": seconds,
        "peak_kib": memory_kib("VmHWM"),
        "baseline_rss_kib": baseline_kib,
    }
    (Path(workdir) / "weasyprint.json").write_text(json.dumps(figures))


def run_child(flag, workdir, argument, result_name):
    from django.db import connections

    connections.close_all()  # the child opens the same throwaway database
    child = subprocess.run(  # noqa: S603 (this interpreter, this script)
        [sys.executable, __file__, flag, str(workdir), str(argument)], check=False
    )
    result_file = Path(workdir) / result_name
    if child.returncode != 0 or not result_file.exists():
        raise SystemExit(f"The benchmark process {flag} failed (exit status {child.returncode}).")
    return json.loads(result_file.read_text())


def bench_packet(workdir, organization, user):
    prepared = prepare_packet(organization, user)
    figures = run_child(CHILD_FLAG, workdir, prepared["packet_uuid"], "packet.json")
    if figures["status"] != "done":
        raise SystemExit(f"The packet was not generated: status {figures['status']}: {figures['error']}")
    alone = run_child(WEASYPRINT_CHILD_FLAG, workdir, figures["pages"], "weasyprint.json")
    peak_mb = kib_to_mb(figures["peak_kib"])
    ratio = figures["seconds"] / alone["seconds"]
    checks = {
        "pass_seconds": figures["seconds"] < PACKET_BUDGET_SECONDS,
        "pass_peak_mb": peak_mb < PACKET_BUDGET_PEAK_MB,
        "pass_ratio": ratio <= BUDGET_WEASYPRINT_RATIO,
    }
    return {
        "exhibits": prepared["exhibits"],
        "exhibit_pages": prepared["exhibit_pages"],
        "exhibit_bytes": prepared["exhibit_bytes"],
        "pages": figures["pages"],
        "pdf_bytes": figures["pdf_bytes"],
        "archive_bytes": figures["archive_bytes"],
        "seconds": round(figures["seconds"], 3),
        "peak_mb": round(peak_mb, 1),
        "baseline_rss_mb": round(kib_to_mb(figures["baseline_rss_kib"]), 1),
        "weasyprint_pages": alone["pages"],
        "weasyprint_seconds": round(alone["seconds"], 3),
        "weasyprint_peak_mb": round(kib_to_mb(alone["peak_kib"]), 1),
        "ratio": round(ratio, 2),
        "peak_ratio": round(figures["peak_kib"] / alone["peak_kib"], 2),
        "steps_seconds": figures["steps_seconds"],
        "steps_peak_raise_mb": figures["steps_peak_raise_mb"],
        "budget_seconds": PACKET_BUDGET_SECONDS,
        "budget_peak_mb": PACKET_BUDGET_PEAK_MB,
        "budget_ratio": BUDGET_WEASYPRINT_RATIO,
        **checks,
        "pass": all(checks.values()),
    }


# --- Report ------------------------------------------------------------------------------------


def report(agreement, packet):
    verdict = {True: "PASS", False: "FAIL"}
    headers = ("document", "seconds", "WeasyPrint alone", "ratio", "peak MB", "WeasyPrint peak MB", "")
    rows = [
        (
            f"agreement ({agreement['pages']} pages, signed)",
            f"{agreement['seconds']:.3f}",
            f"{agreement['weasyprint_seconds']:.3f}",
            f"{agreement['ratio']:.2f}",
            "-",
            "-",
            verdict[agreement["pass"]],
        ),
        (
            f"packet ({packet['exhibits']} exhibits, {packet['pages']} pages)",
            f"{packet['seconds']:.2f}",
            f"{packet['weasyprint_seconds']:.2f}",
            f"{packet['ratio']:.2f}",
            f"{packet['peak_mb']:.0f}",
            f"{packet['weasyprint_peak_mb']:.0f}",
            verdict[packet["pass"]],
        ),
    ]
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    line = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    print()
    print(line.format(*headers))
    print(line.format(*("-" * width for width in widths)))
    for row in rows:
        print(line.format(*row))
    print()
    print(
        f"Budgets: at most {BUDGET_WEASYPRINT_RATIO} times WeasyPrint alone; the packet under "
        f"{PACKET_BUDGET_SECONDS:.0f} s and {PACKET_BUDGET_PEAK_MB:.0f} MB peak memory."
    )
    print(
        f"packet: {packet['exhibit_pages']} exhibit pages in {packet['pages']} packet pages; "
        f"exhibits {packet['exhibit_bytes'] / 1e6:.1f} MB, PDF {packet['pdf_bytes'] / 1e6:.1f} MB, "
        f"ZIP {packet['archive_bytes'] / 1e6:.1f} MB; "
        f"RSS before generation {packet['baseline_rss_mb']:.0f} MB"
    )
    print("packet steps (seconds, peak memory raised):")
    for step, seconds in sorted(packet["steps_seconds"].items(), key=lambda item: -item[1]):
        raised = packet["steps_peak_raise_mb"].get(step)
        print(f"  {seconds:7.3f} s  {'' if raised is None else f'+{raised:.0f} MB':>8}  {step}")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == CHILD_FLAG:
        packet_child(sys.argv[2], sys.argv[3])
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == WEASYPRINT_CHILD_FLAG:
        weasyprint_child(sys.argv[2], int(sys.argv[3]))
        return 0

    # --documents: only the documents, with the pages of the last run (var/bench/pages.json).
    documents_only = "--documents" in sys.argv
    if not documents_only:
        print("Pages at coalition scale (PostgreSQL) ...", flush=True)
        PAGES_RESULT_PATH.unlink(missing_ok=True)
        subprocess.run(  # noqa: S603 (this interpreter, our own script)
            [sys.executable, str(BASE_DIR / "bench" / "scale.py"), *sys.argv[1:]], check=False
        )
    if PAGES_RESULT_PATH.exists():
        pages = json.loads(PAGES_RESULT_PATH.read_text())
    else:
        pages = {"pages": [], "pass": False, "error": "bench/scale.py wrote no figures"}

    with tempfile.TemporaryDirectory(prefix="power-bench-") as workdir:
        configure(workdir)
        from django.conf import settings
        from django.core.management import call_command

        from power_campaign.accounts.models import Membership, Organization, Role, User

        call_command("migrate", verbosity=0, interactive=False)
        organization = Organization.objects.create(name="Local 1000 (benchmark)")
        user = User.objects.create_user(username="bench-legal", email="legal@example.org")
        Membership.objects.create(user=user, organization=organization, role=Role.LEGAL)

        print(f"\nDocuments: a signed {DOCUMENT_PAGES}-page agreement ...", flush=True)
        agreement = bench_agreement(organization, user)
        print(
            f"Documents: packet from 30 exhibits ({EXHIBIT_PAGES} pages): preparing exhibits ...", flush=True
        )
        packet = bench_packet(workdir, organization, user)
        debug = settings.DEBUG

    report(agreement, packet)
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "debug": debug,
        "pages": pages,
        "documents": {"agreement": agreement, "packet": packet},
        "pass": pages["pass"] and agreement["pass"] and packet["pass"],
    }
    RESULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULT_PATH.write_text(json.dumps(results, indent=2) + "\n")
    verdict = "all within budget" if results["pass"] else "OVER BUDGET"
    print(f"\nWritten to {RESULT_PATH.relative_to(BASE_DIR)}: {verdict}.")
    return 0 if results["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
