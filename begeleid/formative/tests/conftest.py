import io
import zipfile

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh directory per test, so 'nothing stored' is checkable."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def unreleased(cast):
    """The cast with nothing released to an assessor (other apps' casts may release items)."""
    from django.utils import timezone

    from begeleid.formative.models import Release

    Release.objects.filter(enrolment=cast.enrolment).update(revoked_at=timezone.now())
    return cast


def stored_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def tiny_pdf() -> bytes:
    from begeleid.demo.steps.formative import tiny_pdf as build

    return build("Certificaat reanimatie")


def tiny_png() -> bytes:
    from begeleid.demo.steps.formative import tiny_png as build

    return build()


def tiny_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()
