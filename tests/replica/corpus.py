"""Deterministic document corpus for the replica sites.

Every document is generated from the fixed data below with a random generator
seeded by a string, so the replica serves byte-identical pages on every run and
on every machine. Texts are assembled from government-style sentence templates
with their own subjects and figures, so two documents never share more than a
few template phrases (the near-duplicate tests rely on that).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")

TOWNS = [
    "木渎镇", "甪直镇", "胥口镇", "东山镇", "光福镇", "临湖镇", "金庭镇", "香山街道",
    "长桥街道", "越溪街道", "横泾街道", "郭巷街道", "城南街道", "太湖街道", "苏苑街道",
    "龙西街道",
]
DEPARTMENTS = [
    "区发改委", "区教育局", "区科技局", "区工信局", "区公安分局", "区民政局", "区司法局",
    "区财政局", "区人社局", "区自然资源和规划分局", "区生态环境局", "区住建局", "区交通运输局",
    "区水务局", "区农业农村局", "区商务局", "区文体旅局", "区卫健委", "区应急管理局",
    "区市场监管局", "区统计局", "区医保局", "区政务办", "区数据局",
]
TOPICS = [
    "安全生产", "防汛抗旱", "垃圾分类", "优化营商环境", "乡村振兴", "太湖生态保护",
    "城市更新", "老旧小区改造", "食品安全", "消防安全", "人才引进", "科技创新",
    "数字政府建设", "一网通办", "河长制", "林长制", "文明城市创建", "养老服务",
    "普惠托育", "义务教育", "公共卫生", "稳岗就业", "农村人居环境整治", "交通运输",
    "文物保护", "碧螺春茶产业", "智能制造", "外贸稳增长", "节能降碳", "社会救助",
    "信访工作", "法治政府建设", "审计整改", "政务公开", "安全度汛", "耕地保护",
]
SOURCES = [None, None, "区政务办", "区政府办", "区发改委", "区财政局", "吴中日报", "区融媒体中心"]
FIRST_NAMES = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建平"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"

SENTENCES = [
    "{year}年以来，{dept}坚持以人民为中心的发展思想，扎实推进{topic}各项工作。",
    "截至{month}月底，全区累计完成{topic}项目{n}个，完成投资{money}亿元，同比增长{pct}%。",
    "{town}结合实际制定工作方案，明确责任分工，细化{n}项具体措施。",
    "各镇（街道）、各部门要进一步提高思想认识，切实把{topic}工作摆在突出位置。",
    "{dept}会同相关部门开展专项检查{n}次，发现并督促整改问题{m}处。",
    "下一步，全区将持续深化{topic}，推动各项任务落地见效。",
    "会议强调，要坚持问题导向，聚焦{topic}中的难点堵点，拿出务实管用的举措。",
    "{town}共排查隐患{m}处，已全部完成整改，整改率达100%。",
    "今年全区计划新建{topic}示范点{n}个，目前已建成{k}个。",
    "{dept}主要负责人参加会议并讲话，{town}等{n}个单位作交流发言。",
    "要加强统筹协调，建立健全定期会商、信息共享、联合督办等工作机制。",
    "全区{topic}工作考核结果将纳入年度高质量发展综合考核。",
    "{year}年{month}月，{dept}组织召开{topic}工作推进会，部署下阶段重点任务。",
    "各责任单位要于每月{day}日前将工作进展情况报送{dept}。",
    "本次活动共吸引{m}余名群众参与，发放宣传资料{k}份。",
    "全年共受理{topic}相关事项{m}件，办结率{pct2}%，群众满意率{pct2}%。",
    "{town}投入资金{money}亿元，实施{topic}提升工程{n}项。",
    "对工作不力、推进缓慢的单位，将予以通报并约谈主要负责人。",
    "同时，依托“吴中智慧大脑”平台，实现{topic}数据实时汇聚、动态监测。",
    "全区已累计培训{topic}相关业务骨干{m}人次。",
    "{dept}将会同{dept2}开展联合执法行动，严厉查处各类违法违规行为。",
    "项目建成后，预计可惠及周边群众{m}余户。",
    "请各单位高度重视，认真组织实施，确保各项工作按时保质完成。",
    "联系人：{person}，联系电话：0512-6{phone}。",
    "{town}创新推出“{slogan}”服务品牌，打通服务群众“最后一公里”。",
    "经评估，{topic}工作总体进展顺利，{pct}%的年度目标任务已提前完成。",
    "区政府常务会议听取了{topic}工作情况汇报，研究部署了相关工作。",
    "要严格落实属地管理责任、部门监管责任和主体责任，形成工作合力。",
    "{year}年，全区{topic}工作获评省级先进集体{n}个、先进个人{k}名。",
    "各地要结合“{slogan}”专项行动，持续巩固提升工作成效。",
]
SLOGANS = ["吴优办", "太湖邻里", "近邻党建", "智慧社区", "一件事一次办", "家门口就业", "湖畔驿站"]

POLICIES = [
    "促进制造业高质量发展", "加快发展数字经济", "支持科技创新", "进一步优化营商环境",
    "推进城市更新", "加强耕地保护", "促进消费扩容提质", "支持总部经济发展",
    "加快文化旅游融合发展", "加强安全生产监督管理", "推进养老服务体系建设",
    "深化农村集体产权制度改革", "加强生态环境保护", "促进就业创业", "推进普惠托育服务",
    "规范行政执法", "加强政府投资项目管理", "加快建设人才强区", "推进太湖生态岛建设",
    "加强住房保障", "推动外贸稳规模优结构", "实施乡村振兴战略", "提升公共文化服务",
    "加强政务数据共享", "推进节水型社会建设", "深化医药卫生体制改革", "支持服务业发展",
    "加强和改进新时代信访工作", "健全应急管理体系", "推进重大项目建设", "加强道路交通安全管理",
    "推进海绵城市建设", "加强历史文化名镇保护", "强化企业信用监管", "推进新型城镇化",
    "完善社会救助体系",
]
PUBLISHERS = ["苏州市吴中区人民政府", "苏州市吴中区人民政府办公室"]
CATEGORIES = ["规范性文件", "其他文件", "政府文件", "部门文件"]


@dataclass(frozen=True)
class Attachment:
    name: str
    ext: str
    file_id: str


@dataclass(frozen=True)
class Document:
    """One document of a replica site, as its publisher wrote it."""

    column: str
    doc_id: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    source: str | None = None
    meta: dict = field(default_factory=dict, hash=False, compare=False)
    attachments: tuple[Attachment, ...] = ()
    attachment_only: bool = False

    @property
    def month(self) -> str:
        return self.published.strftime("%Y%m")


def hex_id(*parts: object) -> str:
    """A stable 32-hex id, like the platform's manuscript ids."""
    return hashlib.md5("/".join(map(str, parts)).encode()).hexdigest()


def seed_paragraphs() -> tuple[str, ...]:
    """The genuine (Simplified) text of the seed page, as the real site serves it."""
    text = (DATA_DIR / "seed_article.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip())


def _fill(template: str, rng: random.Random, topic: str) -> str:
    depts = rng.sample(DEPARTMENTS, 2)
    return template.format(
        year=rng.choice([2021, 2022, 2023]),
        month=rng.randint(1, 12),
        day=rng.choice([5, 10, 15, 20, 25]),
        dept=depts[0],
        dept2=depts[1],
        town=rng.choice(TOWNS),
        topic=topic,
        n=rng.randint(3, 60),
        m=rng.randint(100, 9000),
        k=rng.randint(2, 40),
        money=f"{rng.uniform(0.5, 80):.1f}",
        pct=f"{rng.uniform(1, 35):.1f}",
        pct2=rng.choice([98.6, 99.1, 99.5, 100]),
        person=rng.choice(SURNAMES) + rng.choice(FIRST_NAMES) + rng.choice(FIRST_NAMES),
        phone=rng.randint(6000000, 6999999),
        slogan=rng.choice(SLOGANS),
    )


def paragraphs_about(topic: str, rng: random.Random, count: int) -> tuple[str, ...]:
    """``count`` paragraphs of three to five sentences on one topic."""
    paragraphs = []
    for _ in range(count):
        templates = rng.sample(SENTENCES, rng.randint(3, 5))
        paragraphs.append("".join(_fill(t, rng, topic) for t in templates))
    return tuple(paragraphs)


def random_time(rng: random.Random, start: datetime, days: int) -> datetime:
    moment = start + timedelta(days=rng.randrange(days), seconds=rng.randrange(8 * 3600))
    return moment.replace(hour=8 + moment.hour % 10)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(FIRST_NAMES, rng.choice([1, 2])))
