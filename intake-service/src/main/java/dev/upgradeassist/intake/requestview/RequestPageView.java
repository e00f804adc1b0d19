package dev.upgradeassist.intake.requestview;

import java.util.List;

/** A page of the engineers' queue, newest first. */
record RequestPageView(List<RequestSummaryView> items, int page, int size, long total) {
}
