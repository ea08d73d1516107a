"""A Word document as PDF/A-2b, through LibreOffice (soffice) in a subprocess.

Each call has its own temporary folder and its own LibreOffice profile (two soffice processes sharing a profile fail
silently) and a timeout. The export filter is asked for PDF/A-2 with LibreOffice's JSON filter options, which
LibreOffice understands since 7.4; the PDF then declares pdfaid:part 2 in its XMP metadata.
"""
from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path

#: writer_pdf_Export with SelectPdfVersion 2 = PDF/A-2b
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


class PdfUnavailable(Exception):
    """LibreOffice is not installed (or not where the setting says)."""


class PdfFailed(Exception):
    """LibreOffice ran but gave no PDF, or took longer than the timeout."""


def docx_to_pdfa(docx: bytes, *, soffice: str, timeout: int = 120) -> bytes:
    if not (os.path.isfile(soffice) and os.access(soffice, os.X_OK)):
        raise PdfUnavailable(soffice)
    with tempfile.TemporaryDirectory(prefix="pdfa-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(docx)
        command = [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
                   "--convert-to", PDFA_FILTER, "--outdir", str(work / "out"), str(source)]
        try:
            # A session of its own, so a timeout ends soffice.bin too and not only the soffice script around it.
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work,
                                       env={**os.environ, "HOME": str(work)}, start_new_session=True)
        except OSError as exc:
            raise PdfUnavailable(str(exc)) from None
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise PdfFailed("timeout") from None
        pdf = work / "out" / "document.pdf"
        if not pdf.exists() or pdf.stat().st_size == 0:
            raise PdfFailed("no pdf")
        return pdf.read_bytes()
