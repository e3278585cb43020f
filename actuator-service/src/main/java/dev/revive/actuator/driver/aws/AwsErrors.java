package dev.revive.actuator.driver.aws;

import java.util.Set;

import dev.revive.actuator.driver.ActionFailedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts AWS errors that are left after the SDK's retries: permanent ones (the thing does not exist, we may not
 * touch it, the request contradicts an earlier one) are non-recoverable and stop the ladder for a human; the rest
 * (throttling or 5xx that outlasted the retries, network) are ordinary failures.
 */
public final class AwsErrors {

    static final Set<String> PERMANENT = Set.of(
            "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed", "InvalidInstanceId",
            "UnauthorizedOperation", "AuthFailure", "AccessDenied", "AccessDeniedException", "OptInRequired",
            "InvalidClientTokenId", "UnrecognizedClientException", "Blocked",
            "IdempotentParameterMismatch", "InvalidAllocationID.NotFound", "InvalidSnapshot.NotFound",
            "InvalidAMIID.NotFound", "InvalidSubnetID.NotFound", "InvalidGroup.NotFound", "InvalidKeyPair.NotFound",
            "InvalidDocument", "UnsupportedPlatformType", "InvalidParameterValue");

    private AwsErrors() {
    }

    public static boolean permanent(SdkException e) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return (code != null && PERMANENT.contains(code)) || s.statusCode() == 401 || s.statusCode() == 403;
        }
        return false;
    }

    public static String code(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            return s.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    /** The failure to report for an SDK error during {@code what}. */
    public static ActionFailedException failure(String what, SdkException e) {
        String message = e instanceof AwsServiceException s && s.awsErrorDetails() != null
                ? s.awsErrorDetails().errorMessage() : e.getMessage();
        return permanent(e)
                ? new ActionFailedException(what + " failed permanently: " + code(e) + ": " + message, true, e)
                : new ActionFailedException(what + " failed after retries: " + code(e) + ": " + message, false, e);
    }
}
