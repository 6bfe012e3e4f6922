"""The floor: a bare Temporal workflow with the same shape of traffic as SopLifecycleWorkflow.

One update per action, each awaiting one no-op activity, and a continue-as-new after the
evaluation outcome, but no state chart, no read model, no search attributes, no pydantic.
"""

from datetime import timedelta

from temporalio import activity, workflow

BARE_TASK_QUEUE = "bench-bare"
NEW_CYCLE_ACTION = "tetap_berlaku"
# Same parked wait as an SOP in monitoring (Pasal 13: at most two years).
EVALUATION_WAIT = timedelta(days=730)


@activity.defn
async def bare_noop(seq: int) -> int:
    return seq


@workflow.defn
class BareWorkflow:
    def __init__(self) -> None:
        self._seq = 0
        self._new_cycle = False

    @workflow.run
    async def run(self, cycle: int) -> int:
        try:
            await workflow.wait_condition(lambda: self._new_cycle, timeout=EVALUATION_WAIT)
        except TimeoutError:
            pass
        await workflow.wait_condition(workflow.all_handlers_finished)
        if self._new_cycle:
            workflow.continue_as_new(cycle + 1)
        return self._seq

    @workflow.update
    async def act(self, action: str) -> int:
        self._seq += 1
        await workflow.execute_activity(
            bare_noop, self._seq, start_to_close_timeout=timedelta(seconds=30)
        )
        if action == NEW_CYCLE_ACTION:
            self._new_cycle = True
        return self._seq
