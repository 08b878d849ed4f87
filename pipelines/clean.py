"""Stage 5: text-level cleaning of the extracted fields, and the finished spam report.

On the body and title: literal junk-tag lines and keyword lines that sat inside
the content, zero-width characters, pinyin annotations, title stuffing, GBK
mojibake (reported with its position, repaired where the repair is unique), and
for mainland pages served in Traditional script the restoration to Simplified
(``served_script`` records what was served). Mojibake offsets refer to the
final body.
"""

from __future__ import annotations

import re
from functools import cached_property
from urllib.parse import urlsplit

import opencc

from crawler.cleaning.hosts import is_mainland_host
from crawler.cleaning.junk_tags import junk_tag_lines
from crawler.cleaning.keywords import has_spam_vocabulary, is_keyword_line
from crawler.cleaning.mojibake import find_mojibake
from crawler.cleaning.pinyin import strip_pinyin
from crawler.cleaning.report import SpamReport
from crawler.cleaning.stuffing import destuff_title
from crawler.extraction.lang import chinese_script, detect_lang
from pipelines.base import PageStage
from pipelines.sanitize import KEPT_TITLE

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
CONVERTED_FIELDS = ("source", "publisher", "category", "doc_no", "column")


class CleanPipeline(PageStage):
    @cached_property
    def t2s(self) -> opencc.OpenCC:
        return opencc.OpenCC("t2s")

    def process_page(self, item, page, spider):
        report = page.spam
        before = len(report.removed)
        body = remove_spam_lines(item["body"] or "", report)
        body, title = (strip_zero_width(text, report) for text in (body, item["title"]))
        served = chinese_script(body or title)  # pinyin and stuffing are not Han: same after
        mirrored = bool(item.get("mirror_of")) or "mirror_host" in report.found \
            or served == "zh-Hant"
        body, annotations = strip_pinyin(body, mirrored=mirrored)
        if annotations:
            report.remove("pinyin", "body", " ".join(annotations))
        title, annotations = strip_pinyin(title, min_count=1 if annotations else 3,
                                          mirrored=mirrored or bool(annotations))
        if annotations:
            report.remove("pinyin", "title", " ".join(annotations))
        destuffed, stuffed = destuff_title(title)
        if stuffed and destuffed != title:
            report.remove("title_stuffing", "title", " | ".join(stuffed))
        elif stuffed and "title_stuffing" not in report.found:
            report.remove("title_stuffing", f"title ({KEPT_TITLE})", " | ".join(stuffed))
        title = destuffed
        if not body:  # the script of a title that lost stuffed segments
            served = chinese_script(title)
        official_host = urlsplit(item.get("mirror_of") or page.url).hostname
        restore = served == "zh-Hant" and is_mainland_host(official_host)
        convert = self.t2s.convert if restore else (lambda text: text)
        if restore:
            report.note("traditional_conversion")
        item["body"], report.mojibake = self.repair_and_convert(body, convert)
        if report.mojibake:
            report.note("mojibake")
        item["title"] = convert(title)
        for name in CONVERTED_FIELDS:
            if item.get(name):
                item[name] = convert(item[name])
        item["breadcrumb"] = [convert(part) for part in item.get("breadcrumb") or []]
        item["attachments"] = [{**a, "name": convert(a["name"])} for a in item["attachments"]]
        item["served_script"] = served
        item["lang"] = detect_lang(item["body"] or item["title"], "zh-Hans" if restore else served)
        item["spam"] = report.as_dict()
        self.count(report, before)
        return item

    def repair_and_convert(self, body: str, convert) -> tuple[str, list[dict]]:
        """Apply unique mojibake repairs, convert, and report spots at their final offsets."""
        out: list[str] = []
        length = 0
        spots = []
        position = 0
        for spot in find_mojibake(body):
            piece = convert(body[position:spot.start])
            out.append(piece)
            length += len(piece)
            repaired = convert(spot.repaired) if spot.repaired is not None else None
            replacement = repaired if repaired is not None else convert(spot.text)
            spots.append({"text": spot.text, "offset": length, "repaired": repaired})
            out.append(replacement)
            length += len(replacement)
            position = spot.end
        out.append(convert(body[position:]))
        return "".join(out), spots

    def count(self, report: SpamReport, before: int) -> None:
        for removal in report.removed[before:]:
            self.stats.inc_value(f"spam/removed/{removal.kind}")
        for kind in report.kinds:
            self.stats.inc_value(f"spam/pages/{kind}")
        if report.contaminated:
            self.stats.inc_value("spam/contaminated")


def remove_spam_lines(body: str, report: SpamReport) -> str:
    """Body lines that are literal junk tags or keyword lines, removed and recorded."""
    if not body or ("<" not in body and not has_spam_vocabulary(body)):
        return body
    lines = body.split("\n")
    dropped: set[int] = set()
    for first, last in junk_tag_lines(lines):
        report.remove("junk_tags", f"body lines {first + 1}-{last + 1}",
                      "\n".join(lines[first:last + 1]))
        dropped.update(range(first, last + 1))
    for number, line in enumerate(lines):
        if number not in dropped and is_keyword_line(line):
            report.remove("keyword_line", f"body line {number + 1}", line)
            dropped.add(number)
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


def strip_zero_width(text: str | None, report: SpamReport) -> str | None:
    """Remove zero-width characters, and the blank line edges and lines they leave."""
    if text and ZERO_WIDTH.search(text):
        report.note("zero_width")
        lines = (line.strip() for line in ZERO_WIDTH.sub("", text).split("\n"))
        return "\n".join(line for line in lines if line)
    return text
