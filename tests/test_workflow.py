"""Issue 7: the GitHub Pages workflow lints clean and keeps its safety rails."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/pages.yml"
ACTIONLINT = ROOT / ".venv/bin/actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step_using(workflow: dict[Any, Any], action: str) -> dict[str, Any]:
    found = [s for s in steps(workflow) if s.get("uses", "").startswith(action + "@")]
    assert len(found) >= 1, action
    return found[0]


def test_actionlint_reports_nothing() -> None:
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", str(WORKFLOW)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(
    workflow: dict[Any, Any],
) -> None:
    uses = [s["uses"] for s in steps(workflow) if "uses" in s]
    assert {u.split("@")[0] for u in uses} == {
        "actions/checkout",
        "actions/setup-python",
        "actions/cache",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    }
    for use in uses:
        assert PINNED.match(use), use
    for line in WORKFLOW.read_text(encoding="utf-8").splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_triggers_push_to_main_manual_runs_and_pull_requests(workflow: dict[Any, Any]) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers and "pull_request" in triggers
    # Stories dated in the future ("it will publish on its date") need a build then.
    assert [entry["cron"] for entry in triggers["schedule"]] == ["23 */6 * * *"]


def test_least_privilege_and_only_deploy_may_write_pages(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in jobs.items():
        if name != "deploy":
            assert "write" not in (job.get("permissions") or {}).values(), name


def test_pull_requests_test_and_build_but_never_deploy(workflow: dict[Any, Any]) -> None:
    jobs = workflow["jobs"]
    assert "make test" in " ".join(s.get("run", "") for s in jobs["test"]["steps"])
    assert jobs["deploy"]["if"] == "github.event_name != 'pull_request'"
    assert set(jobs["deploy"]["needs"]) == {"test", "build"}
    upload = step_using(workflow, "actions/upload-pages-artifact")
    assert upload["if"] == "github.event_name != 'pull_request'"


def test_deployments_share_the_pages_concurrency_group(workflow: dict[Any, Any]) -> None:
    group = workflow["concurrency"]["group"]
    assert "'pages'" in group


def test_build_uses_the_pages_url_and_uploads_dot_files(workflow: dict[Any, Any]) -> None:
    build = workflow["jobs"]["build"]
    run = " ".join(s.get("run", "") for s in build["steps"])
    env = {k: v for s in build["steps"] for k, v in (s.get("env") or {}).items()}
    assert "make publish" in run and 'SITEURL="$PAGES_URL"' in run
    assert env["PAGES_URL"] == "${{ steps.pages.outputs.base_url }}"
    upload = step_using(workflow, "actions/upload-pages-artifact")["with"]
    assert upload == {"path": "output", "include-hidden-files": True}


def test_build_restores_the_content_cache_and_site_of_the_last_build(
    workflow: dict[Any, Any],
) -> None:
    from pelican.settings import read_settings

    build = workflow["jobs"]["build"]["steps"]
    names = [s.get("uses", "").split("@")[0] or s.get("name") for s in build]
    cache = step_using(workflow, "actions/cache")
    # Restored before the build runs, into the folder the build uses as its cache.
    assert names.index("actions/cache") < next(
        i for i, s in enumerate(build) if "make publish" in s.get("run", ""))
    conf = read_settings(str(ROOT / "publishconf.py"))
    # read_settings makes CACHE_PATH absolute against the settings file's folder.
    paths = cache["with"]["path"].split()
    assert Path(conf["CACHE_PATH"]) in [ROOT / p for p in paths]
    # The last site too: make publish starts from it (and removes what is stale).
    assert step_using(workflow, "actions/upload-pages-artifact")["with"]["path"] in paths
    assert conf["DIGEST_REMOVE_STALE_OUTPUT"] and not conf["DELETE_OUTPUT_DIRECTORY"]
    assert conf["CACHE_CONTENT"] and conf["LOAD_CONTENT_CACHE"]
    # A new key each run (caches are immutable) that falls back to the newest one.
    assert "github.run_id" in cache["with"]["key"]
    # Other library versions: start afresh (the build's cache guard would too).
    assert "hashFiles('requirements.lock')" in cache["with"]["restore-keys"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])


def test_pip_cache_is_keyed_on_the_requirement_files(workflow: dict[Any, Any]) -> None:
    for job in ("test", "build"):
        setup = [
            s
            for s in workflow["jobs"][job]["steps"]
            if s.get("uses", "").startswith("actions/setup-python@")
        ][0]["with"]
        assert setup["cache"] == "pip"
        keyed = set(setup["cache-dependency-path"].split())
        assert keyed == {"requirements.txt", "requirements-dev.txt", "requirements.lock"}
        for name in keyed:
            assert (ROOT / name).is_file()


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    # The lint test can fail: an undefined step output is an error.
    broken = WORKFLOW.read_text(encoding="utf-8").replace(
        "steps.pages.outputs", "steps.nope.outputs"
    )
    path = tmp_path / ".github/workflows/pages.yml"
    path.parent.mkdir(parents=True)
    path.write_text(broken, encoding="utf-8")
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "nope" in result.stdout
