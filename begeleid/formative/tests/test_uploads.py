import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from begeleid.formative.models import Attachment, PortfolioEntry
from begeleid.formative.uploads import check_name, check_upload

from .conftest import stored_files, tiny_docx, tiny_pdf, tiny_png


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("../../etc/passwd", "name_path"),
        ("a\x00.pdf", "name_control"),
        ("rapport\u202egnp.pdf", "name_control"),
        ("evil.pdf.exe", "name_extension"),
        ("geen-extensie", "name_extension"),
        (".pdf", "name_path"),
        ("x" * 197 + ".pdf", "name_too_long"),
        ("map\\bestand.pdf", "name_path"),
    ],
)
def test_check_name_refuses_dangerous_names(name, code):
    with pytest.raises(ValidationError) as exc:
        check_name(name)
    assert exc.value.code == code


def test_check_name_keeps_ordinary_names():
    assert check_name("  Reflectie week 3 (définitief).PDF ") == "Reflectie week 3 (définitief).PDF"
    assert check_name("x" * 196 + ".pdf") == "x" * 196 + ".pdf"


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("certificaat.pdf", tiny_pdf, "application/pdf"),
        ("foto.png", tiny_png, "image/png"),
        (
            "verslag.docx",
            tiny_docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("notities.txt", lambda: "Zorgplan besproken met Ayşe.\n".encode(), "text/plain"),
    ],
)
def test_check_upload_accepts_allowed_content(name, content, mime):
    checked = check_upload(upload(name, content()))
    assert (checked.original_name, checked.content_type) == (name, mime)


@pytest.mark.parametrize(
    "name,content",
    [
        ("foto.pdf", tiny_png),  # a PNG pretending to be a PDF
        ("script.txt", lambda: b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64),  # binary as text
        ("leeg.pdf", lambda: b"%PDF-"[:0]),
        ("programma.pdf", lambda: b"MZ\x90\x00" + b"\x00" * 100),
    ],
)
def test_check_upload_refuses_content_that_does_not_match(name, content):
    with pytest.raises(ValidationError):
        check_upload(upload(name, content()))


def test_check_upload_refuses_oversized_file(settings):
    settings.FORMATIVE_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        check_upload(upload("notities.txt", b"a" * 101))
    assert exc.value.code == "too_large"
    assert "notities.txt is te groot" in exc.value.messages[0]


def _post_entry(client, cast, files):
    url = reverse("formative:entry_create", kwargs={"uuid": cast.enrolment.uuid})
    data = {"kind": "evidence", "title": "Bewijs", "text": "", "files": files}
    return client.post(url, data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.pdf.exe", b"MZ" + b"\x00" * 50, "Dit soort bestand kan niet worden toegevoegd"),
        ("foto.pdf", None, "past niet bij de naam"),
        ("x" * 201 + ".pdf", None, "De bestandsnaam is te lang"),
    ],
)
def test_entry_upload_refused_stores_nothing(cast, login, media_root, name, content, message):
    client = login(cast.learner)
    before = PortfolioEntry.objects.count()
    good = upload("goed.pdf", tiny_pdf())
    bad = upload(name, content if content is not None else tiny_png())
    response = _post_entry(client, cast, [good, bad])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PortfolioEntry.objects.count() == before
    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_entry_upload_oversized_refused_with_message(cast, login, media_root, settings):
    settings.FORMATIVE_UPLOAD_MAX_BYTES = 1000
    client = login(cast.learner)
    response = _post_entry(client, cast, [upload("groot.txt", b"a" * 1001)])
    assert "groot.txt is te groot" in response.content.decode()
    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_entry_with_files_stores_them_under_random_names(cast, login, media_root):
    client = login(cast.learner)
    response = _post_entry(
        client, cast, [upload("certificaat.pdf", tiny_pdf()), upload("foto.png", tiny_png())]
    )
    entry = PortfolioEntry.objects.get(title="Bewijs")
    assert response.status_code == 302
    assert response["Location"] == reverse("formative:entry_detail", kwargs={"uuid": entry.uuid})
    names = sorted(a.original_name for a in entry.attachments.all())
    assert names == ["certificaat.pdf", "foto.png"]
    files = stored_files(media_root)
    assert len(files) == 2
    assert all(f.startswith("formative/") for f in files)
    assert not any("certificaat" in f or "foto" in f for f in files)


def test_download_serves_file_as_attachment_with_nosniff(cast, login):
    client = login(cast.learner)
    _post_entry(client, cast, [upload("certificaat.pdf", tiny_pdf())])
    attachment = Attachment.objects.get()
    response = client.get(
        reverse("formative:attachment_download", kwargs={"uuid": attachment.uuid})
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="certificaat.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == tiny_pdf()


@pytest.mark.parametrize("persona", ["other_learner", "former_supervisor", "assessor", "stranger"])
def test_download_by_someone_else_is_not_found(unreleased, client, persona):
    cast = unreleased
    client.force_login(cast.learner)
    _post_entry(client, cast, [upload("certificaat.pdf", tiny_pdf())])
    attachment = Attachment.objects.get()
    client.force_login(cast.people[persona])
    response = client.get(
        reverse("formative:attachment_download", kwargs={"uuid": attachment.uuid})
    )
    assert response.status_code == 404
