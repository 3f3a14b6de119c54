"""Drives jiffy-sandbox with the well-known third-party client `jira` (pycontribs/jira) unchanged.

Usage: JIFFY_SANDBOX_INFO='<StartInfo JSON line printed by jiffy-sandbox>' python_jira.py

Each check is a real call through the library; a failure prints what the library raised. Run by
`cargo xtask test` (part "third-party client") against both modes of the sandbox.
"""

import json
import os
import sys
import tempfile
import traceback

from jira import JIRA

info = json.loads(os.environ["JIFFY_SANDBOX_INFO"])
mode = info["mode"]
user = info["users"][0]
cloud = mode == "cloud"
auth = (user["email"], user["apiToken"]) if cloud else (user["username"], user["password"])
client = JIRA(server=info["baseUrl"], basic_auth=auth)

results = []


def check(name):
    def wrap(fn):
        try:
            fn()
            results.append((name, None))
        except Exception as exc:  # noqa: BLE001 - report every failure, keep going
            results.append((name, f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"))
        return fn

    return wrap


state = {}


@check("server_info reports the deployment")
def _():
    si = client.server_info()
    assert si["deploymentType"] == ("Cloud" if cloud else "Server"), si
    assert client._is_cloud == cloud


@check("myself is the demo user")
def _():
    me = client.myself()
    assert me["displayName"] == user["displayName"], me


@check("projects and a project with its issue types")
def _():
    projects = client.projects()
    keys = [p.key for p in projects]
    assert "DOCS" in keys, keys
    docs = client.project("DOCS")
    assert docs.name and docs.issueTypes, docs.raw


@check("fields")
def _():
    assert any(f["id"] == "summary" for f in client.fields())


@check("search with JQL, every page")
def _():
    found = client.search_issues("project = DEV ORDER BY key ASC", maxResults=False)
    assert len(found) > 50, len(found)  # DEV has more than one page of 50: paging works
    keys = [i.key for i in found]
    assert len(set(keys)) == len(keys), "a page repeated issues"
    state["some"] = found[0].key


@check("search by a status with a space in its name")
def _():
    found = client.search_issues('project = DOCS AND status = "Ready to Publish"', maxResults=20)
    assert all(i.fields.status.name == "Ready to Publish" for i in found)


@check("create an issue")
def _():
    issue = client.create_issue(
        project="DOCS", summary="Created by python-jira", issuetype={"name": "Task"}
    )
    assert issue.key.startswith("DOCS-"), issue.key
    state["issue"] = issue


@check("get and update the issue")
def _():
    issue = client.issue(state["issue"].key)
    issue.update(summary="Renamed by python-jira")
    assert client.issue(issue.key).fields.summary == "Renamed by python-jira"


@check("comment on the issue")
def _():
    comment = client.add_comment(state["issue"].key, "A comment from python-jira")
    comments = client.comments(state["issue"].key)
    assert any(c.id == comment.id for c in comments)


@check("transition the issue by name")
def _():
    key = state["issue"].key
    transitions = client.transitions(key)
    assert transitions, "no transitions offered"
    target = transitions[0]
    client.transition_issue(key, target["name"])
    assert client.issue(key).fields.status.name == target["to"]["name"]


@check("assign the issue")
def _():
    key = state["issue"].key
    who = user["accountId"] if cloud else user["username"]
    client.assign_issue(key, who)
    assignee = client.issue(key).fields.assignee
    assert assignee is not None and assignee.displayName == user["displayName"]


@check("attach a file and read it back")
def _():
    body = b"attachment bytes \x00\x01\x02 from python-jira"
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(body)
        f.flush()
        att = client.add_attachment(state["issue"].key, attachment=f.name, filename="data.bin")
    assert client.attachment(att.id).get() == body


@check("delete the issue")
def _():
    key = state["issue"].key
    client.delete_issue(key) if hasattr(client, "delete_issue") else client.issue(key).delete()
    try:
        client.issue(key)
        raise AssertionError("the deleted issue is still there")
    except Exception as exc:  # the library raises JIRAError(404)
        assert getattr(exc, "status_code", None) == 404, exc


failed = [(n, e) for n, e in results if e]
for name, err in results:
    print(("ok     " if not err else "FAILED ") + name)
    if err:
        print("       " + err.replace("\n", "\n       "))
print(f"python-jira ({mode}): {len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
