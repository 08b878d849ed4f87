"""Cloaking: the search engine was served another page than the visitor.

The probe (crawler/middlewares/cloaking.py) is the page as Baiduspider, arriving
with a Baidu ``Referer``, got it. Both versions are judged after the same
sanitizing, so what the two share, hacked or not, cancels out. Evidence of
cloaking, each one finding:

- the probe was redirected to another site (visitors from a search result
  sent to spam);
- the probe carries a kind of injection the visitor's page does not (a keyword
  line or link farm shown to search engines only); a kind both versions carry
  is the same hack, even when a spam generator rotates its words per request;
- the visible text of the two differs wholesale (similarity of their lines below
  the threshold, 0.7 by default: spam-taxonomy.md's figure).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from lxml import etree

from crawler.cleaning.hosts import is_benign_host, same_site
from crawler.cleaning.report import Removal
from crawler.extraction.text import block_text

DEFAULT_THRESHOLD = 0.7


@dataclass(frozen=True)
class Finding:
    where: str
    text: str


def visible_lines(tree: etree._Element) -> list[str]:
    """The page's text as a reader sees it, one block per line."""
    body = next(iter(tree.iter("body")), tree)
    return [line for line in block_text(body).split("\n") if line]


def served_to(probe) -> str:
    """Who the probe posed as, for the report: "served to Baiduspider/2.0 from a Baidu result"."""
    agent = next((part.strip() for part in probe.user_agent.split(";") if "spider" in part.lower()),
                 probe.user_agent)
    return f"served to {agent} from a Baidu result"


def judge_redirect(site: str | None, probe) -> list[Finding]:
    """A probe sent to another site: search visitors are redirected to spam."""
    host = urlsplit(probe.location).hostname if probe.location else None
    if host and not same_site(host, site) and not is_benign_host(host):
        return [Finding(f"{served_to(probe)}: HTTP {probe.status} redirect to {host}",
                        probe.location)]
    return []


def judge_content(page_lines: list[str], page_removed: list[Removal], probe,
                  probe_lines: list[str], probe_removed: list[Removal],
                  threshold: float = DEFAULT_THRESHOLD) -> list[Finding]:
    """What the probe was served that the visitor was not, both already sanitized."""
    served = served_to(probe)
    page_kinds = {removal.kind for removal in page_removed}
    findings = [Finding(f"{served}: {removal.kind} at {removal.where}", removal.text)
                for removal in probe_removed if removal.kind not in page_kinds]
    similarity = SequenceMatcher(None, page_lines, probe_lines, autojunk=False).ratio()
    if similarity < threshold:
        shown = set(page_lines)
        findings.append(Finding(
            f"{served}: visible text similarity {similarity:.2f} (below {threshold:g})",
            "\n".join(line for line in probe_lines if line not in shown)))
    return findings
