"""PDF previews with LibreOffice: one call for many files, its own profile, a time limit,
and a check that every PDF was really written (shared profiles silently lose output)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ReportError
from .findings import ERROR, Finding

FONTS_CONF = Path(__file__).resolve().parent.parent / "preview" / "fonts.conf"
TIMEOUT_SECONDS = 300


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ReportError([Finding(ERROR, "找不到 LibreOffice（soffice）",
                               hint="请安装：apt-get install libreoffice-writer-nogui poppler-utils "
                                    "fonts-noto-cjk fonts-arphic-gkai00mp fonts-arphic-gbsn00lp")])


def convert(documents: list[Path], outdir: Path) -> list[Path]:
    """Convert .docx files to PDF in outdir, all in one LibreOffice run; returns the PDFs.
    LibreOffice writes into a fresh folder inside outdir, and the PDFs are renamed into place
    only when every one was written: a failed run leaves the previous PDFs as they were."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".pdf-", dir=outdir) as staging:
        made = _run_soffice(documents, Path(staging))
        for pdf in made:
            os.replace(pdf, outdir / pdf.name)
    return [outdir / pdf.name for pdf in made]


def _run_soffice(documents: list[Path], outdir: Path) -> list[Path]:
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)]
        try:
            subprocess.run(command, env=env, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise ReportError([Finding(ERROR, f"LibreOffice 超过 {TIMEOUT_SECONDS} 秒仍未完成转换")])
    pdfs = [outdir / (d.stem + ".pdf") for d in documents]
    missing = [p for p in pdfs if not p.exists() or p.stat().st_size == 0]
    if missing:
        raise ReportError([Finding(ERROR, f"LibreOffice 没有生成 {p.name}") for p in missing])
    return pdfs
