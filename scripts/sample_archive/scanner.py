"""Pictures of paper: a page of text as a scanner or a phone would make it (150-200
dpi, grey paper, speckle noise, a slight skew, JPEG artefacts), a photo of a
主题党日 with its banner, and a filled-in 民主评议 测评表 with a seal. Pure Pillow,
deterministic for a given rng.

Used by the sample archive (scanned records, photos) and by ``make bench`` (OCR
accuracy on pages rendered from known text).
"""

import io

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .fonts import cjk_font_path

__all__ = ["scan_page_image", "page_lines", "photo_image", "jpeg_bytes", "rating_sheet"]


def _font(size):
    fp = cjk_font_path()
    return ImageFont.truetype(fp, size) if fp else ImageFont.load_default()


def page_lines(text_lines, width_chars):
    """Wrap lines of text to ``width_chars`` characters (CJK counts 1, ASCII 0.5)."""
    out = []
    for line in text_lines:
        line = line.replace("\t", "  ")
        cur, w = "", 0.0
        for ch in line:
            cw = 0.5 if ord(ch) < 0x2E80 else 1.0
            if w + cw > width_chars:
                out.append(cur)
                cur, w = "", 0.0
            cur += ch
            w += cw
        out.append(cur)
    return out


def jpeg_bytes(img, quality):
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=True)
    return buf.getvalue()


def scan_page_image(lines, rng, dpi=150, signature=None, skew=None, quality=None):
    """A scanned A4 page holding ``lines`` (already wrapped); returns (PIL image, lines drawn).

    ``skew`` degrees (default: random within ±2), JPEG ``quality`` (default 60-80).
    """
    W, H = round(8.27 * dpi), round(11.69 * dpi)
    size = round(dpi * 0.2)  # ~14.4 pt
    f = _font(size)
    img = Image.new("L", (W, H), 244 + rng.randrange(8))
    dr = ImageDraw.Draw(img)
    x0, y = round(dpi * 0.9), round(dpi * 1.0)
    step = round(size * 1.5)
    drawn = []
    for ln in lines:
        if y > H - dpi * 1.4:
            break
        if ln:
            dr.text((x0, y), ln, font=f, fill=20 + rng.randrange(30))
        drawn.append(ln)
        y += step
    if signature:
        y += step // 2
        dr.text((x0 + round(dpi * 3.2), y), signature, font=f, fill=30)
        sx, sy = x0 + round(dpi * 3.2) + len(signature) * size + 10, y + size // 2
        pts = [(sx + i * size // 3, sy + rng.randint(-size // 2, size // 2)) for i in range(10)]
        dr.line(pts, fill=25, width=max(2, dpi // 60))
    angle = rng.uniform(-2.0, 2.0) if skew is None else skew
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=232, expand=False)
    px = img.load()
    for _ in range(W * H // 250):
        xx, yy = rng.randrange(W), rng.randrange(H)
        px[xx, yy] = rng.randint(120, 215)
    img = img.filter(ImageFilter.GaussianBlur(0.5))
    q = quality if quality is not None else rng.randint(60, 80)
    return Image.open(io.BytesIO(jpeg_bytes(img, q))), drawn


def photo_image(banner, rng, size=(1600, 1200)):
    """A photo of a 主题党日: a red banner with ``banner`` in yellow above rows of people."""
    W, H = size
    img = Image.new("RGB", (W, H), (0, 0, 0))
    dr = ImageDraw.Draw(img)
    base = (200 + rng.randrange(30), 190 + rng.randrange(30), 170 + rng.randrange(30))
    for yy in range(H):  # a wall lit from above
        k = 1.0 - 0.35 * yy / H
        dr.line([(0, yy), (W, yy)], fill=tuple(int(c * k) for c in base))
    bx0, by0, bx1, by1 = 90, 110, W - 90, 290
    dr.rectangle([bx0, by0, bx1, by1], fill=(190 + rng.randrange(20), 20, 24))
    fs = min(96, int((bx1 - bx0 - 80) / max(1, len(banner))))
    dr.text(((bx0 + bx1) // 2, (by0 + by1) // 2), banner, font=_font(fs), fill=(255, 222, 60), anchor="mm")
    floor_y = 560
    dr.rectangle([0, floor_y + 420, W, H], fill=(120, 110, 100))
    for row in range(3):  # people, back rows smaller
        n = 9 - row
        scale = 0.8 + 0.2 * row
        for i in range(n):
            cx = int(W * (i + 0.5) / n + rng.randint(-25, 25))
            cy = int(floor_y + row * 150)
            r = int(42 * scale)
            shirt = rng.choice([(30, 35, 60), (240, 240, 240), (60, 60, 60), (150, 30, 30), (40, 70, 120)])
            dr.rounded_rectangle(
                [cx - int(70 * scale), cy + r, cx + int(70 * scale), cy + r + int(260 * scale)], radius=30, fill=shirt
            )
            dr.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(225, 190, 160))
            dr.pieslice([cx - r, cy - r - 4, cx + r, cy + r], 180, 360, fill=(25, 20, 20))
    img = img.rotate(rng.uniform(-2.0, 2.0), resample=Image.BICUBIC, expand=False, fillcolor=base)
    px = img.load()
    for _ in range(W * H // 400):
        xx, yy = rng.randrange(W), rng.randrange(H)
        v = rng.randint(-25, 25)
        p = px[xx, yy]
        px[xx, yy] = tuple(max(0, min(255, c + v)) for c in p)
    return img.filter(ImageFilter.GaussianBlur(0.7))


def rating_sheet(org, rec_date, roster, rng):
    """A grey, slightly rotated image of a filled-in 测评表 (no text layer)."""
    W, H = 1240, 1754
    img = Image.new("L", (W, H), 246)
    dr = ImageDraw.Draw(img)
    fp = cjk_font_path()
    f_big = ImageFont.truetype(fp, 44) if fp else ImageFont.load_default()
    f = ImageFont.truetype(fp, 26) if fp else ImageFont.load_default()
    title = f"{org.name}{rec_date.year}年度民主评议党员测评表"
    dr.text((W // 2, 120), title, font=f_big, fill=25, anchor="mm")
    dr.text((120, 200), f"测评时间：{rec_date.year}年{rec_date.month}月{rec_date.day}日", font=f, fill=35)
    cols = ["序号", "姓名", "优秀", "合格", "基本合格", "不合格"]
    xs = [100, 200, 420, 600, 780, 960, 1140]
    y0, rh = 260, 52
    rows = len(roster) + 1
    for i in range(rows + 1):
        dr.line([(xs[0], y0 + i * rh), (xs[-1], y0 + i * rh)], fill=40, width=2)
    for x in xs:
        dr.line([(x, y0), (x, y0 + rows * rh)], fill=40, width=2)
    for j, c in enumerate(cols):
        dr.text(((xs[j] + xs[j + 1]) // 2, y0 + rh // 2), c, font=f, fill=30, anchor="mm")
    for i, p in enumerate(roster, 1):
        yy = y0 + i * rh + rh // 2
        dr.text(((xs[0] + xs[1]) // 2, yy), str(i), font=f, fill=30, anchor="mm")
        dr.text(((xs[1] + xs[2]) // 2, yy), p.name, font=f, fill=30, anchor="mm")
        col = 2 if rng.random() < 0.35 else 3
        cx = (xs[col] + xs[col + 1]) // 2 + rng.randint(-12, 12)
        dr.line([(cx - 14, yy), (cx - 3, yy + 12), (cx + 18, yy - 16)], fill=15, width=4)
    yb = y0 + rows * rh + 70
    dr.text((120, yb), "说明：请在相应等次栏内划“√”，每名党员只能选择一个等次。", font=f, fill=35)
    dr.text((760, yb + 80), "测评人：__________", font=f, fill=35)
    # a red seal
    rgb = img.convert("RGB")
    d2 = ImageDraw.Draw(rgb)
    cx, cy, r = 900, yb + 230, 110
    d2.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(200, 40, 40), width=6)
    d2.text((cx, cy - 10), "★", font=f_big, fill=(200, 40, 40), anchor="mm")
    f_seal = ImageFont.truetype(fp, 20) if fp else f
    d2.text((cx, cy + 52), org.name, font=f_seal, fill=(200, 40, 40), anchor="mm")
    rgb = rgb.rotate(0.7, resample=Image.BICUBIC, fillcolor=(236, 236, 236))
    px = rgb.load()
    for _ in range(9000):
        x, y = rng.randrange(W), rng.randrange(H)
        v = rng.randint(150, 220)
        px[x, y] = (v, v, v)
    rgb = rgb.filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    rgb.save(buf, format="JPEG", quality=72, optimize=True)
    return buf.getvalue()
