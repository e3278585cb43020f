package dev.revive.actuator.driver.aws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.Output;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;

/**
 * {@code aws-ssm-command}: SendCommand with the AWS-RunShellScript document and the shell line of a named,
 * configured template (the command only names the template); polls GetCommandInvocation to completion. The SSM
 * command id goes into the ledger, the (truncated) output into the result. Not resumable.
 */
@ApplicationScoped
public class SsmCommandDriver implements Driver {

    static final String DOCUMENT = "AWS-RunShellScript";

    private static final Set<CommandInvocationStatus> RUNNING = Set.of(CommandInvocationStatus.PENDING,
            CommandInvocationStatus.IN_PROGRESS, CommandInvocationStatus.DELAYED);

    private final AwsClients clients;
    private final AwsTimings timings;
    private final Map<String, String> templates;
    private final int deliveryTimeoutSeconds;
    private final int maxOutputChars;

    @Inject
    public SsmCommandDriver(AwsClients clients, ActuatorConfig config) {
        this(clients, AwsTimings.of(config.aws()), config.ssm().templates(), config.ssm().deliveryTimeoutSeconds(),
                config.maxOutputChars());
    }

    public SsmCommandDriver(AwsClients clients, AwsTimings timings, Map<String, String> templates,
            int deliveryTimeoutSeconds, int maxOutputChars) {
        this.clients = clients;
        this.timings = timings;
        this.templates = Map.copyOf(templates);
        this.deliveryTimeoutSeconds = deliveryTimeoutSeconds;
        this.maxOutputChars = maxOutputChars;
    }

    @Override
    public Set<Action> actions() {
        return Set.of(Action.AWS_SSM_COMMAND);
    }

    @Override
    public Outcome run(RecoveryCommand command, ActionContext context) throws InterruptedException {
        String instanceId = command.params().get("instanceId");
        String template = command.params().get("template");
        String line = templates.get(template);
        if (line == null) {
            throw ActionFailedException.permanent("SSM template '" + template + "' is not configured");
        }
        SsmClient ssm = clients.ssm(command.params().get("region"));
        try {
            String ssmCommandId = ssm.sendCommand(r -> r.instanceIds(instanceId).documentName(DOCUMENT)
                    .parameters(Map.of("commands", List.of(line)))
                    .comment("revive " + command.commandId() + " (" + template + ")")
                    .timeoutSeconds(deliveryTimeoutSeconds))
                    .command().commandId();
            context.reference("ssm " + ssmCommandId);
            AtomicReference<GetCommandInvocationResponse> last = new AtomicReference<>();
            boolean done = Waits.until(() -> {
                try {
                    GetCommandInvocationResponse inv = ssm.getCommandInvocation(r -> r.commandId(ssmCommandId)
                            .instanceId(instanceId));
                    last.set(inv);
                    return !RUNNING.contains(inv.status());
                } catch (InvocationDoesNotExistException e) {
                    return false; // SSM has not registered the invocation yet
                }
            }, timings.statusWait(), timings.pollInterval());
            GetCommandInvocationResponse inv = last.get();
            if (!done) {
                return Outcome.failed("SSM command " + ssmCommandId + " (" + template + ") still "
                        + (inv == null ? "unregistered" : inv.statusAsString()) + " after " + timings.statusWait(), null);
            }
            String output = Output.truncate(join(inv.standardOutputContent(), inv.standardErrorContent()), maxOutputChars);
            if (inv.status() == CommandInvocationStatus.SUCCESS) {
                return Outcome.succeeded("ssm " + ssmCommandId + " " + template + ": exit " + inv.responseCode() + "\n" + output);
            }
            return Outcome.failed("SSM command " + ssmCommandId + " (" + template + ") ended " + inv.statusAsString()
                    + " (" + inv.statusDetails() + "), exit " + inv.responseCode(), output);
        } catch (SdkException e) {
            throw AwsErrors.failure("aws-ssm-command " + template + " on " + instanceId, e);
        }
    }

    private static String join(String out, String err) {
        String o = out == null ? "" : out;
        return err == null || err.isBlank() ? o : o + "\n[stderr]\n" + err;
    }
}
