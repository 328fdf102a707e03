"""Steward's reward for verl: a thin client of `steward reward serve`.

Point verl at this file:

    custom_reward_function.path=<steward>/python/steward_reward/__init__.py
    custom_reward_function.name=compute_score          # per-sample reward managers
    # or, with reward_model.reward_manager=batch:
    custom_reward_function.name=compute_score_batch

and run `steward reward serve` where the trainer can reach it. Settings come from the environment:
STEWARD_REWARD_URL (default http://127.0.0.1:8788), STEWARD_REWARD_MODE (default: the server's mode),
STEWARD_REWARD_TIMEOUT in seconds (default 60). Standard library only.
"""

import asyncio
import json
import os
import time
import urllib.error
import urllib.request

__all__ = ["compute_score", "compute_score_async", "compute_score_batch", "StewardRewardError"]

DEFAULT_URL = "http://127.0.0.1:8788"
BATCH_SIZE = 1024
ATTEMPTS = 3

# Every result has the same numeric keys: verl stacks them across samples into reward_extra_info.
_EMPTY = {"score": 0.0, "acc": 0.0, "abstained": 0.0, "format_ok": 0.0}


class StewardRewardError(RuntimeError):
    """The service refused the request (a bad label or body) or could not be reached."""


def _settings(kwargs):
    url = kwargs.get("steward_url") or os.environ.get("STEWARD_REWARD_URL") or DEFAULT_URL
    mode = kwargs.get("mode") or os.environ.get("STEWARD_REWARD_MODE") or None
    timeout = float(kwargs.get("timeout") or os.environ.get("STEWARD_REWARD_TIMEOUT") or 60)
    return url.rstrip("/"), mode, timeout


def _plain(value):
    """numpy scalars and arrays (verl hands them over) as plain Python values."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    return value


def _item(solution_str, ground_truth, extra_info):
    item = {"response": solution_str if isinstance(solution_str, str) else str(solution_str),
            "label": _plain(ground_truth)}
    info = extra_info if isinstance(extra_info, dict) else {}
    for source, target in (("calculator_id", "calculatorId"), ("output_type", "outputType"),
                           ("lower", "lower"), ("upper", "upper")):
        value = _plain(info.get(source))
        if value is not None:
            item[target] = value
    return item


def _post(url, body, timeout):
    data = json.dumps(body).encode("utf-8")
    for attempt in range(ATTEMPTS):
        request = urllib.request.Request(url + "/score", data=data, method="POST",
                                         headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            reason = error.read().decode("utf-8", "replace")
            if error.code < 500 or attempt == ATTEMPTS - 1:
                raise StewardRewardError(f"steward reward service answered {error.code}: {reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            if attempt == ATTEMPTS - 1:
                raise StewardRewardError(
                    f"cannot reach the steward reward service at {url} ({error}); "
                    "start it with `steward reward serve` or set STEWARD_REWARD_URL") from None
        time.sleep(0.5 * (attempt + 1))
    raise StewardRewardError("unreachable")


def _to_result(result):
    if result["verdict"] == "label-invalid":
        raise StewardRewardError(f"unreadable ground truth: {result['reason']}")
    verdict = result["verdict"]
    return {
        "score": float(result["score"]),
        "acc": 1.0 if verdict in ("correct", "abstained-correctly") else 0.0,
        "abstained": 1.0 if verdict in ("abstained", "abstained-correctly") else 0.0,
        "format_ok": 0.0 if verdict in ("no-answer", "unparsable") else 1.0,
    }


def _score(items, kwargs):
    url, mode, timeout = _settings(kwargs)
    results = []
    for start in range(0, len(items), BATCH_SIZE):
        body = {"items": items[start:start + BATCH_SIZE]}
        if mode is not None:
            body["mode"] = mode
        results.extend(_to_result(result) for result in _post(url, body, timeout)["results"])
    return results


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """verl's per-sample reward: a dict with score, acc, abstained and format_ok (same keys every time)."""
    return _score([_item(solution_str, ground_truth, extra_info)], kwargs)[0]


async def compute_score_async(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """The same, for verl's reward loop, which awaits `async def` reward functions."""
    return await asyncio.to_thread(compute_score, data_source, solution_str, ground_truth, extra_info, **kwargs)


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs):
    """verl's batch reward manager: one HTTP request per 1,024 samples, a list of dicts in order."""
    infos = list(extra_infos) if extra_infos is not None else [None] * len(solution_strs)
    items = [_item(solution, truth, info) for solution, truth, info in zip(solution_strs, ground_truths, infos)]
    return _score(items, kwargs) if items else []
