"""What the second Hanweb and TRS replicas (jiangyin.py, nantong.py) share: their documents
and the text they write (Jiangsu county-level wording, seeded, the same on every run)."""
from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

TOWNS = ["澄江街道", "南闸街道", "云亭街道", "周庄镇", "华士镇", "新桥镇", "长泾镇", "顾山镇", "祝塘镇", "徐霞客镇"]
DEPTS = ["市发改委", "市财政局", "市住建局", "市卫健委", "市教育局", "市民政局", "市市场监管局", "市生态环境局"]
TOPICS = ["重大项目建设", "优化营商环境", "农村人居环境整治", "粮食安全生产", "节能降碳", "物价监测",
          "安全生产大检查", "数字经济发展", "长江大保护", "乡村振兴", "民生实事项目", "社会信用体系建设",
          "城乡供水保障", "老旧小区改造", "冬季保供稳价"]


def esc(t: str) -> str:
    return html.escape(t, quote=True)


@dataclass
class Att:
    name: str
    href: str        # as written in the page
    url: str         # absolute, expected in output


@dataclass
class Doc:
    key: str
    column: str          # column name expected
    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    source: str | None = None
    meta: dict = field(default_factory=dict)
    attachments: list[Att] = field(default_factory=list)
    url: str = ""
    path: str = ""


def paragraphs(rng: random.Random, topic: str, n: int, city: str = "江阴") -> tuple[str, ...]:
    out = []
    for _ in range(n):
        town, dept = rng.choice(TOWNS), rng.choice(DEPTS)
        s = [
            f"{town}围绕{topic}工作，细化{rng.randint(3, 20)}项具体举措，层层压实工作责任。",
            f"截至{rng.randint(1, 12)}月底，全市累计推进{topic}项目{rng.randint(5, 90)}个，完成投资{rng.randint(1, 50)}.{rng.randint(0, 9)}亿元。",
            f"{dept}会同相关部门开展联合督查{rng.randint(2, 30)}次，督促整改问题{rng.randint(10, 300)}处。",
            f"下一步，{city}将持续推进{topic}，以更高标准、更实举措推动各项任务落地见效。",
            f"{town}共走访企业和群众{rng.randint(100, 9000)}户，收集意见建议{rng.randint(10, 500)}条。",
            f"会议强调，各地各部门要提高政治站位，把{topic}摆在更加突出的位置，确保取得实效。",
        ]
        out.append("".join(rng.sample(s, rng.randint(3, 5))))
    return tuple(out)


def when(rng: random.Random, start=datetime(2022, 3, 1), days=600) -> datetime:
    t = start + timedelta(days=rng.randrange(days), minutes=rng.randrange(8 * 60))
    return t.replace(hour=8 + t.hour % 10, second=0)


def expected_entry(d: Doc) -> dict:
    """What a crawl must write for one document, for the tests to compare field by field."""
    entry = {"url": d.url, "title": d.title, "column": d.column, "published": d.published,
             "source": d.source, "paragraphs": list(d.paragraphs),
             "attachments": [a.url for a in d.attachments],
             "attachment_names": [a.name for a in d.attachments]}
    entry.update({k: d.meta[k] for k in ("publisher", "index_no", "doc_no", "category")
                  if k in d.meta})
    return entry


def body_is_published_text(body: str, paragraphs: list[str]) -> bool:
    """The body is the document's paragraphs, then only its attachment lines (附件：…), which
    are published text (docs/decisions.md)."""
    lines = body.split("\n")
    return (lines[:len(paragraphs)] == paragraphs
            and all(line.startswith("附件") for line in lines[len(paragraphs):]))
