"""HTML to PDF with the machine's Chromium (``chromium --headless --print-to-pdf``).

The board report (:mod:`views.board_report`) is an HTML page printed by the same Debian
Chromium that kaleido uses for the chart images: one browser start per document, no Python PDF
library, real text (selectable, searchable, extractable) in any font the machine has — DejaVu
Sans and Liberation Sans, both with every Vietnamese diacritic — and charts drawn by the page's
own Plotly.js as SVG, so they print as vectors.

Each call starts its own browser with a temporary profile in a temporary folder, so two users
printing at once never share anything; the browser's whole process group is killed when it
does not finish within the time limit. Like kaleido (choreographer), the browser runs without
its sandbox (it is usually root in a container, where the sandbox cannot start); what it loads
is only the page this module writes, and that page's Content-Security-Policy forbids every
network request.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PdfUnavailable", "find_chromium", "pdf_available", "html_to_pdf", "NO_BROWSER"]

#: Browser executables tried in this order (after the ``BROWSER_PATH`` environment variable,
#: which kaleido's choreographer also reads).
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "/usr/bin/chromium")
TIMEOUT_S = 60.0

#: Why there is no PDF, in both languages (shown by the app instead of the download).
NO_BROWSER = (
    "Không tạo được báo cáo PDF vì máy chủ không có trình duyệt Chromium. Cài gói 'chromium' "
    "(Debian) rồi thử lại; báo cáo Excel vẫn dùng được.",
    "The PDF report cannot be made: the server has no Chromium browser. Install the 'chromium' "
    "package (Debian) and try again; the Excel report still works.",
)


class PdfUnavailable(RuntimeError):
    """No usable browser, or the browser failed or timed out; ``str()`` says why (in English),
    :data:`NO_BROWSER` is the user's message."""


def find_chromium() -> str | None:
    """Path of a Chromium (or Chrome) executable, or None."""
    given = os.environ.get("BROWSER_PATH")
    if given and Path(given).is_file():
        return given
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def pdf_available() -> bool:
    """Whether :func:`html_to_pdf` has a browser to print with."""
    return find_chromium() is not None


def _args(browser: str, profile: Path, out: Path, page: Path) -> list[str]:
    return [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-breakpad", "--no-first-run", "--no-default-browser-check",
            "--mute-audio", "--hide-scrollbars", f"--user-data-dir={profile}",
            # no browser header/footer (date, file URL); the page prints its own footer. The
            # second spelling is the flag's name before Chromium 111 (unknown flags are ignored).
            "--no-pdf-header-footer", "--print-to-pdf-no-header",
            f"--print-to-pdf={out}", page.as_uri()]


def html_to_pdf(html: str, *, timeout: float = TIMEOUT_S) -> bytes:
    """The PDF of an HTML page, printed by headless Chromium.

    The page's CSS decides the paper (``@page { size: A4 }``), margins and page breaks. Scripts in
    the page run before it is printed (Chromium prints after the load event), so charts drawn by
    inline scripts are in the PDF.

    Parameters
    ----------
    html : str
        A complete HTML document (UTF-8). Everything it needs must be inline.
    timeout : float
        Seconds before the browser is stopped.

    Raises
    ------
    PdfUnavailable
        No browser, the browser failed, timed out or wrote no PDF.
    """
    browser = find_chromium()
    if browser is None:
        raise PdfUnavailable("no Chromium browser found (install Debian's 'chromium' package)")
    with tempfile.TemporaryDirectory(prefix="energy-pdf-") as tmp:
        folder = Path(tmp)
        page, out, profile = folder / "report.html", folder / "report.pdf", folder / "profile"
        page.write_text(html, encoding="utf-8")
        proc = subprocess.Popen(_args(browser, profile, out, page), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise PdfUnavailable(f"the browser did not print the report within {timeout:.0f} s") from None
        finally:
            _kill_group(proc)  # helpers of the browser that outlive it (its own process group only)
        data = out.read_bytes() if out.is_file() else b""
        if not data.startswith(b"%PDF"):
            tail = err.decode("utf-8", "replace").strip().splitlines()[-3:] if err else []
            raise PdfUnavailable(f"the browser wrote no PDF (exit code {proc.returncode}): {' | '.join(tail)}")
        return data


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop the browser's process group (started by :func:`html_to_pdf` with its own session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - a process that ignores SIGKILL
        pass
