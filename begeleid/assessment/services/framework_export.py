"""Exporting competence frameworks as CASE 1.1 JSON and as CSV, in tree order.

Everything in an export is derived from stored data (identifiers, change moments), so
export → import → export gives the same file.
"""

import csv
import datetime
import io
import json
import uuid

from ..models import Framework, tree_order
from .frameworks import CASE_ITEM_TYPE, CASE_STATUS, CSV_COLUMNS

# Association identifiers are derived, so an export is the same every time.
ASSOCIATION_NAMESPACE = uuid.UUID("6f1d3c52-8a55-4c39-9a3c-0d2b1c6e7a10")


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def _uri(identifier: str) -> str:
    return f"urn:begeleid:{identifier}"


def _node(identifier: str, title: str) -> dict:
    return {"title": title, "identifier": identifier, "uri": _uri(identifier)}


def export_case(framework: Framework) -> str:
    items = tree_order(list(framework.items.all()))
    by_id = {item.id: item for item in items}
    document = {
        "identifier": framework.identifier,
        "uri": _uri(framework.identifier),
        "creator": framework.creator or framework.organisation.name,
        "title": framework.title,
        "version": framework.version,
        "adoptionStatus": CASE_STATUS[framework.status],
        "description": framework.description,
        "language": "nl",
        "lastChangeDateTime": _stamp(framework.changed_at),
    }
    cf_items, associations = [], []
    for item in items:
        cf_items.append(
            {
                "identifier": item.identifier,
                "uri": _uri(item.identifier),
                "fullStatement": item.title,
                "humanCodingScheme": item.code,
                "notes": item.description,
                "CFItemType": CASE_ITEM_TYPE[item.kind],
                "language": "nl",
                "lastChangeDateTime": _stamp(item.changed_at),
                "extensions": {"isReserved": item.is_reserved, "isRisky": item.is_risky},
            }
        )
        parent = by_id.get(item.parent_id)
        destination = (
            _node(parent.identifier, parent.title)
            if parent
            else _node(framework.identifier, framework.title)
        )
        associations.append(
            {
                "identifier": str(
                    uuid.uuid5(
                        ASSOCIATION_NAMESPACE, f"{item.identifier}|{destination['identifier']}"
                    )
                ),
                "uri": _uri(f"association:{item.identifier}"),
                "associationType": "isChildOf",
                "CFDocumentURI": _node(framework.identifier, framework.title),
                "originNodeURI": _node(item.identifier, item.title),
                "destinationNodeURI": destination,
                "sequenceNumber": item.sequence,
                "lastChangeDateTime": _stamp(item.changed_at),
            }
        )
    package = {"CFDocument": document, "CFItems": cf_items, "CFAssociations": associations}
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def export_csv(framework: Framework) -> str:
    items = tree_order(list(framework.items.all()))
    by_id = {item.id: item for item in items}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        parent = by_id.get(item.parent_id)
        writer.writerow(
            [
                framework.identifier,
                framework.title,
                framework.version,
                framework.status,
                item.identifier,
                parent.identifier if parent else "",
                item.sequence,
                item.code,
                item.kind,
                "yes" if item.is_reserved else "no",
                "yes" if item.is_risky else "no",
                item.title,
                item.description,
            ]
        )
    return out.getvalue()
