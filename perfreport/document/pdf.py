"""PDF previews with LibreOffice: one call for many files, its own profile, a time limit,
and a check that every PDF was really written (shared profiles silently lose output).

LibreOffice runs as a wrapper (oosplash) and the office itself (soffice.bin): it is started
in a process group of its own, and on the time limit the whole group is killed, so nothing
is left running. A PDF counts as made only when it has its pages, and only a Word document
is given to LibreOffice (which turns an empty file into a blank page and calls it done)."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path, PurePath, PureWindowsPath

from perfreport.shared.errors import ReportError
from perfreport.shared.findings import ERROR, Finding

FONTS_CONF = Path(__file__).resolve().parents[2] / "preview" / "fonts.conf"
TIMEOUT_SECONDS = 300


def soffice_candidates(platform: str, environ) -> list[str]:
    """Where LibreOffice installs itself when it is not on PATH (its Windows and macOS
    installers do not add it)."""
    if platform.startswith("win"):
        bases = [environ.get(key) for key in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        if environ.get("LOCALAPPDATA"):
            bases.append(str(PureWindowsPath(environ["LOCALAPPDATA"]) / "Programs"))
        return [str(PureWindowsPath(base) / "LibreOffice" / "program" / "soffice.exe") for base in bases if base]
    if platform == "darwin":
        home = environ.get("HOME", "")
        return ["/Applications/LibreOffice.app/Contents/MacOS/soffice",
                f"{home}/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    return []


def install_hint(platform: str) -> str:
    if platform.startswith("win"):
        return "请从 https://zh-cn.libreoffice.org/ 下载安装 LibreOffice（安装在默认位置即可找到）"
    if platform == "darwin":
        return "请安装：brew install --cask libreoffice（或从 https://zh-cn.libreoffice.org/ 下载）"
    return ("请安装：apt-get install libreoffice-writer-nogui poppler-utils "
            "fonts-noto-cjk fonts-arphic-gkai00mp fonts-arphic-gbsn00lp")


def soffice(platform: str | None = None, environ=None, which=shutil.which, exists=os.path.isfile) -> str:
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    for name in ("soffice", "libreoffice"):
        found = which(name)
        if found:
            return found
    for candidate in soffice_candidates(platform, environ):
        if exists(candidate):
            return candidate
    raise ReportError([Finding(ERROR, "找不到 LibreOffice（soffice）", hint=install_hint(platform))])


def convert(documents: list[Path], outdir: Path) -> list[Path]:
    """Convert .docx files to PDF in outdir, all in one LibreOffice run; returns the PDFs.
    LibreOffice writes into a fresh folder inside outdir, and the PDFs are renamed into place
    only when every one was written: a failed run leaves the previous PDFs as they were."""
    problems = [problem for d in documents if (problem := _not_a_document(d))]
    if problems:
        raise ReportError(problems)
    if outdir.exists() and not outdir.is_dir():
        raise ReportError([Finding(ERROR, f"{outdir} 不是文件夹", hint="--outdir 请给一个文件夹")])
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError([Finding(ERROR, f"无法建立文件夹 {outdir}（{exc.strerror}）")]) from None
    try:
        with tempfile.TemporaryDirectory(prefix=".pdf-", dir=outdir) as staging:
            made = _run_soffice(documents, Path(staging))
            for pdf in made:
                os.replace(pdf, outdir / pdf.name)
    except OSError as exc:              # a read-only folder, a full disk, a PDF open in a viewer
        raise ReportError([Finding(ERROR, f"无法在 {outdir} 写 PDF（{exc.strerror}）",
                                   hint="请用 --outdir 指定一个可以写入的文件夹，或关闭正在查看这个 PDF 的程序")]) from None
    return [outdir / pdf.name for pdf in made]


def _not_a_document(path: Path) -> Finding | None:
    from perfreport.document.docx_read import DocxError, Package, read_file
    try:
        package = Package(read_file(path, str(path)), str(path))
        package.read("word/document.xml")
    except (ReportError, DocxError) as exc:
        return exc.findings[0]
    return None


def _run_soffice(documents: list[Path], outdir: Path) -> list[Path]:
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [soffice(), profile_option(Path(profile)), "--headless",
                   "--convert-to", "pdf", "--outdir", str(outdir), *map(_not_an_option, documents)]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   **_own_group())
        try:
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise ReportError([Finding(ERROR, f"LibreOffice 超过 {TIMEOUT_SECONDS} 秒仍未完成转换")]) from None
        except BaseException:           # Ctrl-C: no office left running behind us
            _kill_group(process)
            raise
    pdfs = [outdir / (d.stem + ".pdf") for d in documents]
    missing = [p for p in pdfs if pages(p) == 0]
    if missing:
        raise ReportError([Finding(ERROR, f"LibreOffice 没有生成 {p.name}") for p in missing])
    return pdfs


def _not_an_option(path: Path) -> str:
    """A file name as LibreOffice cannot take it for an option (-x.docx): absolute."""
    return os.path.abspath(path)


def profile_option(profile: PurePath) -> str:
    """LibreOffice's own profile folder, as the URL it wants (file:///C:/… on Windows, with
    spaces and Chinese percent-encoded), never a path glued to file://."""
    return f"-env:UserInstallation={profile.as_uri()}"


def _own_group() -> dict:
    """LibreOffice in a process group of its own, so that the wrapper and the office are
    stopped together (a new session on POSIX, a new process group on Windows)."""
    if sys.platform.startswith("win"):
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _kill_group(process: subprocess.Popen) -> None:
    if sys.platform.startswith("win"):     # the whole tree: soffice.exe starts soffice.bin
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True)
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if process.poll() is None:
        process.kill()
    process.wait()


PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pages(pdf: Path) -> int:
    """How many pages a PDF has; 0 when it is missing, truncated or not a PDF."""
    try:
        data = pdf.read_bytes()
    except OSError:
        return 0
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        return 0
    return len(PAGE.findall(data))
