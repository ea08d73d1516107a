"""publiccode.yml follows the Standard for Public Code (schema 0.4): the keys it requires, the values it allows.

No validator installs here (publiccode-parser is a Go program and is on neither PyPI nor npm), so the rules of the
standard's core schema are written out below: required keys, enumerations, lengths and formats. The test fails on the
first broken rule and names it.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

FILE = Path(__file__).resolve().parents[2] / "publiccode.yml"

REQUIRED = ["publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus", "softwareType",
            "description", "legal", "maintenance", "localisation"]
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPE = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend",
                 "standalone/other", "addon", "library", "configurationFiles"}
MAINTENANCE_TYPE = {"internal", "contract", "community", "none"}
SCOPES = {"agriculture", "culture", "defence", "education", "emergency-services", "employment", "energy",
          "environment", "finance-and-economic-development", "foreign-affairs", "government", "healthcare",
          "infrastructures", "justice", "local-authorities", "manufacturing", "research", "science-and-technology",
          "security", "society", "sport", "tourism", "transportation", "welfare"}
CATEGORIES = set("""accounting agile-project-management applicant-tracking application-development
appointment-scheduling backup billing-and-invoicing blog budgeting business-intelligence business-process-management
cad call-center-management cloud-management collaboration communications compliance-management contact-management
content-management crm customer-service-and-support data-analytics data-collection data-visualization design
design-system digital-asset-management digital-citizenship document-management donor-management e-commerce
e-signature educational-content email-management email-marketing employee-management enterprise-project-management
enterprise-social-networking erp event-management facility-management feedback-and-reviews-management
financial-reporting fleet-management fundraising gamification geographic-information-systems grant-management
graphic-design help-desk hr ide identity-management instant-messaging integrated-library-system inventory-management
it-asset-management it-development it-management it-security it-service-management knowledge-management
learning-management-system marketing mind-mapping mobile-marketing mobile-payment network-management office
online-booking online-community payment-gateway payroll predictive-analysis procurement productivity-suite
project-collaboration project-management property-management real-estate-management regulations-and-directives
remote-support resource-management sales-management seo service-desk social-media-management survey
talent-management task-management taxes-management test-management time-management time-tracking translation
video-conferencing video-editing visitor-management voip warehouse-management web-collaboration web-conferencing
website-builder whistleblowing workflow-management other""".split())
PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
SPDX_ID = re.compile(r"^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$")


def problems(doc: dict) -> list[str]:
    """Every rule of the standard that this publiccode.yml breaks, as one line each."""
    found = [f"ontbreekt: {key}" for key in REQUIRED if key not in doc]
    if found:
        return found
    if str(doc["publiccodeYmlVersion"]) not in {"0.4", "0.4.0"}:
        found.append("publiccodeYmlVersion is niet 0.4")
    if not URL.match(str(doc["url"])):
        found.append("url is geen webadres")
    if "releaseDate" in doc:
        try:
            dt.date.fromisoformat(str(doc["releaseDate"]))
        except ValueError:
            found.append("releaseDate is geen datum JJJJ-MM-DD")
    found += [f"onbekend platform: {p}" for p in doc["platforms"] if p not in PLATFORMS]
    found += [f"onbekende categorie: {c}" for c in doc["categories"] if c not in CATEGORIES]
    if doc["developmentStatus"] not in DEVELOPMENT_STATUS:
        found.append(f"onbekende developmentStatus: {doc['developmentStatus']}")
    if doc["softwareType"] not in SOFTWARE_TYPE:
        found.append(f"onbekend softwareType: {doc['softwareType']}")
    audience = doc.get("intendedAudience", {})
    found += [f"onbekende scope: {s}" for s in audience.get("scope", []) if s not in SCOPES]
    found += [f"geen landcode: {c}" for c in audience.get("countries", []) if not re.fullmatch(r"[A-Z]{2}", c)]
    if not doc["description"]:
        found.append("description heeft geen taal")
    for language, text in doc["description"].items():
        if not BCP47.match(language):
            found.append(f"description: {language} is geen taalcode")
        for key in ("shortDescription", "longDescription", "features"):
            if key not in text:
                found.append(f"description.{language}: ontbreekt {key}")
        if len(text.get("genericName", "")) > 35:
            found.append(f"description.{language}.genericName is langer dan 35 tekens")
        if len(text.get("shortDescription", "")) > 150:
            found.append(f"description.{language}.shortDescription is langer dan 150 tekens")
        if not 150 <= len(text.get("longDescription", "")) <= 10000:
            found.append(f"description.{language}.longDescription is niet 150 tot 10.000 tekens lang")
        found += [f"description.{language}: feature langer dan 100 tekens: {f}"
                  for f in text.get("features", []) if len(f) > 100]
    if not SPDX_ID.match(str(doc["legal"].get("license", ""))):
        found.append("legal.license is geen SPDX-uitdrukking")
    maintenance = doc["maintenance"]
    if maintenance.get("type") not in MAINTENANCE_TYPE:
        found.append(f"onbekend maintenance.type: {maintenance.get('type')}")
    if maintenance.get("type") in {"internal", "community"} and not maintenance.get("contacts"):
        found.append("maintenance.contacts is verplicht bij onderhoud 'internal' of 'community'")
    if maintenance.get("type") == "contract" and not maintenance.get("contractors"):
        found.append("maintenance.contractors is verplicht bij onderhoud 'contract'")
    found += ["maintenance.contacts: een contact zonder naam" for c in maintenance.get("contacts", []) if not c.get("name")]
    localisation = doc["localisation"]
    if not isinstance(localisation.get("localisationReady"), bool):
        found.append("localisation.localisationReady is geen ja/nee")
    languages = localisation.get("availableLanguages") or []
    if not languages:
        found.append("localisation.availableLanguages is leeg")
    found += [f"localisation: {lang} is geen taalcode" for lang in languages if not BCP47.match(lang)]
    for kind in ("open", "proprietary", "hardware"):
        found += [f"dependsOn.{kind}: een afhankelijkheid zonder naam"
                  for d in doc.get("dependsOn", {}).get(kind, []) if not d.get("name")]
    return found


def test_publiccode_yml_follows_the_standard():
    doc = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    assert problems(doc) == []


@pytest.mark.parametrize("change, expected", [
    (lambda d: d.pop("maintenance"), "ontbreekt: maintenance"),
    (lambda d: d.update(developmentStatus="klaar"), "onbekende developmentStatus: klaar"),
    (lambda d: d["description"]["nl"].update(shortDescription="x" * 151), "shortDescription is langer dan 150"),
    (lambda d: d["maintenance"].pop("contacts"), "maintenance.contacts is verplicht"),
    (lambda d: d["categories"].append("participatie"), "onbekende categorie: participatie"),
])
def test_the_check_refuses_a_broken_file(change, expected):
    doc = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    change(doc)
    assert any(expected in line for line in problems(doc)), problems(doc)
