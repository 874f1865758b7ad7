"""The municipality's logo: uploaded by the facilitator, kept as a PNG of nothing but pixels, and
printed on the handbook's cover."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from .test_handbook import publish

RED = (220, 20, 30)


def image_file(kind: str = "PNG", size: tuple[int, int] = (240, 120), name: str = "logo.png"):
    data = io.BytesIO()
    Image.new("RGB", size, RED).save(data, format=kind)
    return SimpleUploadedFile(name, data.getvalue())


def upload(client, project, file) -> object:
    return client.post(reverse("projects:logo", args=[project.pk]), {"logo": file})


def red_pixels_on_the_cover(pdf: bytes, tmp_path: Path) -> int:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "handbook.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1",
                    str(tmp_path / "handbook.pdf"), str(tmp_path / "cover")], check=True)  # fmt: skip
    (cover,) = tmp_path.glob("cover*.png")
    r, g, b = np.asarray(Image.open(cover).convert("RGB")).astype(int).transpose(2, 0, 1)
    return int(((r > 180) & (g < 80) & (b < 80)).sum())


def test_the_logo_is_printed_on_the_handbooks_cover(client_for, facilitator, project, tmp_path):
    client = client_for(facilitator)
    assert red_pixels_on_the_cover(publish(client, project), tmp_path / "before") == 0
    response = upload(client, project, image_file("JPEG", name="kommune.jpg"))
    assert response.status_code == 302
    assert red_pixels_on_the_cover(publish(client, project), tmp_path) > 100


def test_the_logo_is_kept_as_a_small_png_every_member_can_see(
    client_for, facilitator, participant, outsider, project
):
    upload(client_for(facilitator), project, image_file(size=(3000, 1500)))
    response = client_for(participant).get(reverse("projects:logo_image", args=[project.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    kept = Image.open(io.BytesIO(response.content))
    assert (kept.format, kept.size) == ("PNG", (800, 400))
    assert (
        client_for(outsider).get(reverse("projects:logo_image", args=[project.pk])).status_code
        == 404
    )


def test_what_is_no_png_or_jpeg_image_is_refused_and_the_old_logo_kept(
    client_for, facilitator, project
):
    client = client_for(facilitator)
    upload(client, project, image_file())
    svg = SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    for bad, message in (
        (svg, "Logoet skal være et PNG- eller JPEG-billede."),
        (image_file("GIF", name="logo.gif"), "Logoet skal være et PNG- eller JPEG-billede."),
        (image_file(size=(5000, 10)), "Logoet må højst være 4000 pixels bredt og højt."),
    ):
        response = upload(client, project, bad)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert client.get(reverse("projects:logo_image", args=[project.pk])).status_code == 200


def test_the_facilitator_removes_the_logo(client_for, facilitator, project):
    client = client_for(facilitator)
    upload(client, project, image_file())
    response = client.post(reverse("projects:logo", args=[project.pk]), {"remove": "on"})
    assert response.status_code == 302
    assert client.get(reverse("projects:logo_image", args=[project.pk])).status_code == 404
