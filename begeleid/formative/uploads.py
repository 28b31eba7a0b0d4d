"""Checking and storing uploaded portfolio files.

A file is accepted only when its CONTENT is one of the allowed types and its name is
harmless; the name the person gave is kept for display and download, the file itself
is stored under a random name outside the web root.
"""

import os
import secrets
import unicodedata
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import conf

# extension -> the content type the file's content must have
ALLOWED = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain",
}
MAX_NAME_LENGTH = 200
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    extension: str
    content_type: str
    size: int


def allowed_list() -> str:
    return "PDF, PNG, JPEG, DOCX, XLSX, TXT"


def check_name(name: str) -> str:
    """The original name, normalised; refused when it could be mistaken for a path or program."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise ValidationError(_("Het bestand heeft geen naam."), code="name_empty")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _(
                "De bestandsnaam is te lang (meer dan %(max)d tekens). Geef het bestand een kortere naam."
            )
            % {"max": MAX_NAME_LENGTH},
            code="name_too_long",
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise ValidationError(
            _(
                "De bestandsnaam bevat onzichtbare of besturingstekens. Geef het bestand een gewone naam."
            ),
            code="name_control",
        )
    if "/" in name or "\\" in name or name.startswith(".") or ".." in name:
        raise ValidationError(
            _("De bestandsnaam mag geen mapnamen of '..' bevatten."), code="name_path"
        )
    stem, dot, extension = name.rpartition(".")
    extension = extension.lower()
    if not dot or not stem or extension not in ALLOWED:
        raise ValidationError(
            _(
                "Dit soort bestand kan niet worden toegevoegd (%(name)s). Toegestaan zijn: %(allowed)s."
            )
            % {"name": name, "allowed": allowed_list()},
            code="name_extension",
        )
    return name


def _is_plain_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A cut in the middle of a multi-byte character at the end of the sample is fine.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text)


def sniff(fileobj) -> str | None:
    """The content type the bytes say they are (not what the name or browser claims)."""
    fileobj.seek(0)
    head = fileobj.read(_SNIFF_BYTES)
    fileobj.seek(0)
    if not head:
        return None
    kind = filetype.guess(head)
    if kind is None and head.startswith(b"PK"):
        # Office files keep their markers deeper in the zip than the first bytes.
        fileobj.seek(0)
        kind = filetype.guess(fileobj.read())
        fileobj.seek(0)
    if kind is not None:
        return kind.mime
    if _is_plain_text(head):
        return "text/plain"
    return None


def check_upload(uploaded, name: str | None = None) -> CheckedFile:
    """Check one uploaded file; raises ValidationError with a message the person can act on."""
    original = check_name(name if name is not None else uploaded.name)
    extension = original.rpartition(".")[2].lower()
    limit = conf.upload_max_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("%(name)s is te groot (%(size)s). Het maximum is %(max)s.")
            % {
                "name": original,
                "size": filesizeformat(uploaded.size),
                "max": filesizeformat(limit),
            },
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("%(name)s is leeg.") % {"name": original}, code="empty")
    detected = sniff(uploaded)
    if detected != ALLOWED[extension]:
        raise ValidationError(
            _(
                "De inhoud van %(name)s past niet bij de naam of is geen toegestaan bestand. "
                "Toegestaan zijn: %(allowed)s."
            )
            % {"name": original, "allowed": allowed_list()},
            code="content_type",
        )
    return CheckedFile(original, extension, detected, uploaded.size)


def random_storage_name(instance, filename) -> str:
    """Where an attachment is stored: a random name, the checked extension, nothing else."""
    extension = os.path.splitext(filename)[1].lower()
    return f"formative/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}{extension}"
