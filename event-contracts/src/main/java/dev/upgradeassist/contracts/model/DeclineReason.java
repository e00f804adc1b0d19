package dev.upgradeassist.contracts.model;

/** Why a request was declined (domain §d). Only NOT_ENTITLED and OUT_OF_SCOPE are final. */
public enum DeclineReason {
    NOT_ENTITLED(true),
    OUT_OF_SCOPE(true),
    POSTPONE_RECOMMENDED(false),
    ENGINEER_DECLINED(false);

    private final boolean closesRequest;

    DeclineReason(boolean closesRequest) {
        this.closesRequest = closesRequest;
    }

    /** A final decline: the request can no longer be amended. */
    public boolean closesRequest() {
        return closesRequest;
    }
}
