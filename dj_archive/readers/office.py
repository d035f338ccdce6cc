"""What Office readers share: password detection (msoffcrypto-tool) and, for formats
with no Python reader (.ppt), a conversion through LibreOffice when it is installed.

>>> ensure_not_encrypted(b"plain text, not an Office file")
>>> soffice_convert(b"", ".ppt", "txt") if not soffice() else None
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReadError, UnsupportedFormat
from ..i18n import N_

__all__ = ["ensure_not_encrypted", "soffice", "soffice_convert", "SOFFICE_TIMEOUT"]

#: Seconds one LibreOffice conversion may take before it is abandoned.
SOFFICE_TIMEOUT = 120


def ensure_not_encrypted(data: bytes) -> None:
    """Raise ReadError if ``data`` is a password-protected Office file (OOXML in an
    encrypted OLE container, or .doc/.xls/.ppt with their own encryption)."""
    if data[:4] not in (b"\xd0\xcf\x11\xe0", b"PK\x03\x04"):
        return
    try:
        import msoffcrypto

        encrypted = msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
    except Exception:  # noqa: BLE001 - not a format msoffcrypto knows: the reader decides
        encrypted = False
    if encrypted:
        raise ReadError(N_("password-protected Office file; save an unprotected copy"))


def soffice() -> str | None:
    """Path of LibreOffice's ``soffice`` if installed (``DJ_ARCHIVE_SOFFICE`` overrides)."""
    env = os.environ.get("DJ_ARCHIVE_SOFFICE")
    if env:
        return env if Path(env).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(data: bytes, suffix: str, target: str) -> bytes | None:
    """Convert ``data`` (a file with ``suffix``) with LibreOffice to ``target`` (e.g.
    ``"txt:Text (encoded):UTF8"``) and return the converted bytes; None when LibreOffice
    is not installed. A private profile keeps parallel conversions apart."""
    exe = soffice()
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="dj_archive_soffice_") as tmp:
        src = Path(tmp) / f"in{suffix}"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        cmd = [
            exe,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ]
        try:
            subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=SOFFICE_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ReadError(
                N_("LibreOffice took more than {seconds} s to convert this {suffix} file").format(
                    seconds=SOFFICE_TIMEOUT, suffix=suffix
                )
            ) from None
        except OSError as exc:
            raise UnsupportedFormat(
                N_("cannot run LibreOffice ({detail})").format(detail=exc.strerror or exc)
            ) from None
        produced = sorted(out.glob("in.*")) if out.exists() else []
        if not produced:
            raise ReadError(
                N_("LibreOffice could not convert this {suffix} file (damaged or not really {suffix})").format(
                    suffix=suffix
                )
            )
        return produced[0].read_bytes()
