"""Document-generation benchmark (`make bench`; never part of `make test`).

Two scenarios, with the budgets set for the project's 2-core machine:

1. document: the bilingual (English + Spanish) know-your-rights notice, 10 pages, rendered with
   WeasyPrint and signed with pyHanko (render_pdf + sign_pdf). One warm-up, then the median of
   5 runs. Budget: under 1.5 s.

2. packet: an exhibit packet from 30 exhibits holding 150 pages: 14 born-digital PDFs (the notice,
   2 to 12 pages each), 6 scanned PDFs (200 dpi greyscale page images) and 10 phone pictures
   (8 noisy 3000 x 2000 JPEG photos, 2 of them rotated by EXIF, and 2 PNG screenshots). The
   exhibits are uploaded beforehand (not measured); what is measured is the generation the task
   worker does: cover and index, separators, Bates numbers, signing, the ZIP archive, storage
   (services.queue_packet with the immediate task backend, i.e. services.build_packet). It runs
   once, cold, in a fresh child process, so that the peak resident memory (VmHWM, including
   Python, Django and the libraries) is the generation's alone. Budgets: under 20 s and under
   500 MB (10^6 bytes) peak memory.

Everything happens in a throwaway SQLite database and media folder under a temporary directory:
the developer's database and files are never touched. Signing uses whatever certificate the
settings give (with DEBUG on and SIGNING_PKCS12_PATH unset, the development certificate under
var/signing/).

The figures are printed and written to var/bench/latest.json. Exit status 0 if every figure is
within budget, 1 otherwise.
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

DOCUMENT_BUDGET_SECONDS = 1.5
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


# --- Scenario 1: a 10-page bilingual document, rendered and signed ------------------------------


def bench_document(organization):
    from power_campaign.documents.demo import notice_context
    from power_campaign.documents.rendering import render_pdf
    from power_campaign.documents.signing import sign_pdf

    copies = DOCUMENT_PAGES // 2  # each copy is one English + Spanish notice on 2 pages
    context = notice_context(organization, copies=copies)

    def once():
        started = time.perf_counter()
        pdf = render_pdf(NOTICE_TEMPLATE, context, "en", title=NOTICE_TITLE, document_id=str(uuid.uuid4()))
        rendered = time.perf_counter()
        signed = sign_pdf(pdf, reason=NOTICE_TITLE)
        done = time.perf_counter()
        return signed, rendered - started, done - rendered, done - started

    once()  # warm-up: fonts, templates, the signing key
    runs = [once() for _ in range(DOCUMENT_RUNS)]
    pages = page_count(runs[-1][0])
    assert pages == DOCUMENT_PAGES, f"the notice has {pages} pages, expected {DOCUMENT_PAGES}"
    seconds = statistics.median(run[3] for run in runs)
    return {
        "pages": pages,
        "size_bytes": len(runs[-1][0]),
        "seconds": round(seconds, 3),
        "render_seconds": round(statistics.median(run[1] for run in runs), 3),
        "sign_seconds": round(statistics.median(run[2] for run in runs), 3),
        "runs_seconds": [round(run[3], 3) for run in runs],
        "budget_seconds": DOCUMENT_BUDGET_SECONDS,
        "pass": seconds < DOCUMENT_BUDGET_SECONDS,
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


def bench_packet(workdir, organization, user):
    from django.db import connections

    prepared = prepare_packet(organization, user)
    connections.close_all()  # the child opens the same throwaway database
    child = subprocess.run(  # noqa: S603 (this interpreter, this script)
        [sys.executable, __file__, CHILD_FLAG, str(workdir), prepared["packet_uuid"]],
        check=False,
    )
    result_file = Path(workdir) / "packet.json"
    if child.returncode != 0 or not result_file.exists():
        raise SystemExit(f"The packet benchmark process failed (exit status {child.returncode}).")
    figures = json.loads(result_file.read_text())
    if figures["status"] != "done":
        raise SystemExit(f"The packet was not generated: status {figures['status']}: {figures['error']}")
    peak_mb = kib_to_mb(figures["peak_kib"])
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
        "steps_seconds": figures["steps_seconds"],
        "steps_peak_raise_mb": figures["steps_peak_raise_mb"],
        "budget_seconds": PACKET_BUDGET_SECONDS,
        "budget_peak_mb": PACKET_BUDGET_PEAK_MB,
        "pass_seconds": figures["seconds"] < PACKET_BUDGET_SECONDS,
        "pass_peak_mb": peak_mb < PACKET_BUDGET_PEAK_MB,
        "pass": figures["seconds"] < PACKET_BUDGET_SECONDS and peak_mb < PACKET_BUDGET_PEAK_MB,
    }


# --- Report ------------------------------------------------------------------------------------


def report(document, packet):
    verdict = {True: "PASS", False: "FAIL"}
    rows = [
        (
            "document (10 pages, bilingual)",
            "render + sign, median of 5",
            f"{document['seconds']:.3f} s",
            f"< {DOCUMENT_BUDGET_SECONDS} s",
            verdict[document["pass"]],
        ),
        (
            f"packet ({packet['exhibits']} exhibits, {packet['pages']} pages)",
            "generation time",
            f"{packet['seconds']:.2f} s",
            f"< {PACKET_BUDGET_SECONDS:.0f} s",
            verdict[packet["pass_seconds"]],
        ),
        (
            "",
            "peak memory (RSS)",
            f"{packet['peak_mb']:.0f} MB",
            f"< {PACKET_BUDGET_PEAK_MB:.0f} MB",
            verdict[packet["pass_peak_mb"]],
        ),
    ]
    headers = ("scenario", "figure", "measured", "budget", "result")
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    line = "  ".join(f"{{:<{width}}}" for width in widths)
    print()
    print(line.format(*headers))
    print(line.format(*("-" * width for width in widths)))
    for row in rows:
        print(line.format(*row))
    print()
    print(
        f"document: {document['pages']} pages, {document['size_bytes'] / 1e3:.0f} kB; "
        f"render {document['render_seconds']:.3f} s + sign {document['sign_seconds']:.3f} s "
        f"(runs: {', '.join(f'{s:.3f}' for s in document['runs_seconds'])} s)"
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

    postgres_url = os.environ.get("DATABASE_URL", "")  # for scenario 3, before configure() points at SQLite
    with tempfile.TemporaryDirectory(prefix="power-bench-") as workdir:
        configure(workdir)
        from django.conf import settings
        from django.core.management import call_command

        from power_campaign.accounts.models import Membership, Organization, Role, User

        call_command("migrate", verbosity=0, interactive=False)
        organization = Organization.objects.create(name="Local 1000 (benchmark)")
        user = User.objects.create_user(username="bench-legal", email="legal@example.org")
        Membership.objects.create(user=user, organization=organization, role=Role.LEGAL)

        print(f"Scenario 1: {DOCUMENT_PAGES}-page bilingual notice, render + sign ...", flush=True)
        document = bench_document(organization)
        print(
            f"Scenario 2: packet from 30 exhibits ({EXHIBIT_PAGES} pages): preparing exhibits ...", flush=True
        )
        packet = bench_packet(workdir, organization, user)
        debug = settings.DEBUG

    report(document, packet)
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "debug": debug,
        "document": document,
        "packet": packet,
        "pass": document["pass"] and packet["pass"],
    }
    RESULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULT_PATH.write_text(json.dumps(results, indent=2) + "\n")
    verdict = "all within budget" if results["pass"] else "OVER BUDGET"
    print(f"\nWritten to {RESULT_PATH.relative_to(BASE_DIR)}: {verdict}.")
    print("\nScenario 3: cases at coalition scale (PostgreSQL) ...", flush=True)
    cases = subprocess.run(  # noqa: S603 (this interpreter, our own script)
        [sys.executable, str(BASE_DIR / "bench" / "cases_scale.py")],
        env={**os.environ, "DATABASE_URL": postgres_url} if postgres_url else dict(os.environ),
        check=False,
    )
    return 0 if results["pass"] and cases.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
