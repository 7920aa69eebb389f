"""The Google Wallet jobs of the pass update queue (cloud/wallet/updates.py): a mixin of
PassUpdateQueue, whose `_queue`, `_job`, `ctx` and `sent` they use. Task names are the queue's
contract with jobs queued by an earlier run: keep them."""

from __future__ import annotations

import logging

from cloud.wallet import google_store
from cloud.wallet.google_updates import (
    GoogleSent,
    business_of_device,
    send_google_class,
    send_google_update,
)

log = logging.getLogger("cloud.wallet.google")


class GoogleJobs:
    def _google_tasks(self, huey) -> None:
        self._google_task = huey.task(context=True, name="wallet.google_update")(self._google)
        self._google_spread_task = huey.task(context=True, name="wallet.google_spread")(self._google_spread)
        self._google_class_task = huey.task(context=True, name="wallet.google_class")(self._google_class)

    def _queue_google(self, look_up, business_id: int, ids: list) -> None:
        """Queue a Google Wallet job per card of these that a customer added to Google Wallet."""
        if self.ctx.google is None:
            return
        try:
            with self.ctx.db.read_session() as session:
                cards = look_up(session, business_id, ids)
        except Exception:  # the change is committed; the next change sends the balance again
            log.exception("the Google Wallet objects of a change could not be looked up")
            return
        if len(cards) > 1:
            self._queue(self._google_spread_task.s(business_id, cards))
        elif cards:
            self._queue(self._google_task.s(business_id, cards[0], 0))

    def _queue_google_of_device(self, device_token_hash: str, card_ids: list[int]) -> None:
        """A kiosk's push changed these cards."""
        try:
            with self.ctx.db.read_session() as session:
                business_id = business_of_device(session, device_token_hash)
        except Exception:  # the push is committed; the next change sends the balance again
            log.exception("the business of a push could not be looked up")
            return
        if business_id is not None:
            self._queue_google(google_store.objects_of_cards, business_id, card_ids)

    def _queue_google_offers(self, business_id: int, offer_ids: list[str]) -> None:
        """These offers changed: their cards' objects (the target is in the balance) and classes."""
        self._queue_google(google_store.objects_of_offers, business_id, offer_ids)
        if self.ctx.google is not None:
            for offer_id in offer_ids:
                self._queue(self._google_class_task.s(business_id, offer_id, 0))

    # --- the tasks (run by the consumer's threads) ------------------------------------------------

    def _google_spread(self, business_id: int, card_ids: list[int], task=None) -> None:
        with self._job(task):
            for card_id in card_ids:
                self._queue(self._google_task.s(business_id, card_id, 0))

    def _google(self, business_id: int, card_id: int, attempt: int, task=None) -> None:
        with self._job(task):
            ctx, backoff = self.ctx, self.ctx.google.backoff
            done = send_google_update(
                ctx.db, ctx.keys, ctx.sealer, ctx.google, business_id, card_id, ctx.clock()
            )
            retry = done.sent is GoogleSent.RETRY and attempt + 1 < backoff.attempts
            if done.sent is GoogleSent.RETRY and not retry:
                log.warning("Google Wallet took no balance update for a card after the last try")
            if not retry:
                self.sent.add_google(
                    GoogleSent.FAILED if done.sent is GoogleSent.RETRY else done.sent, done.notified
                )
                return
            delay = backoff.delay(attempt, done.retry_after)
            self._queue(self._google_task.s(business_id, card_id, attempt + 1, delay=delay))

    def _google_class(self, business_id: int, offer_id: str, attempt: int, task=None) -> None:
        with self._job(task):
            backoff = self.ctx.google.backoff
            sent = send_google_class(self.ctx.db, self.ctx.sealer, self.ctx.google, business_id, offer_id)
            if sent is GoogleSent.RETRY and attempt + 1 < backoff.attempts:
                delay = backoff.delay(attempt)
                self._queue(self._google_class_task.s(business_id, offer_id, attempt + 1, delay=delay))
