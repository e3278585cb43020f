package dev.revive.actuator.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.revive.common.envelope.Json;

/** deploy/aws/iam-policy.json grants exactly the calls the drivers make, and mutating ones only under conditions. */
class IamPolicyTest {

    /** Every AWS call in driver/aws (keep in step with the code). */
    static final Set<String> CALLS = Set.of("ec2:DescribeInstances", "ec2:DescribeInstanceStatus",
            "ec2:DescribeSnapshots", "ec2:DescribeImages", "ec2:DescribeAddresses", "ec2:RebootInstances",
            "ec2:StopInstances", "ec2:StartInstances", "ec2:RegisterImage", "ec2:RunInstances", "ec2:CreateTags",
            "iam:PassRole", "ec2:AssociateAddress", "ssm:SendCommand", "ssm:GetCommandInvocation",
            "route53:ChangeResourceRecordSets");

    static final Set<String> UNCONDITIONAL_OK = Set.of("ec2:DescribeInstances", "ec2:DescribeInstanceStatus",
            "ec2:DescribeSnapshots", "ec2:DescribeImages", "ec2:DescribeAddresses", "ssm:GetCommandInvocation");

    @Test
    void grants_exactly_the_calls_the_drivers_make_and_conditions_every_instance_write() throws Exception {
        JsonNode policy = Json.MAPPER.readTree(Path.of("../deploy/aws/iam-policy.json").toFile());
        Set<String> granted = new TreeSet<>();
        for (JsonNode st : policy.get("Statement")) {
            assertThat(st.get("Effect").asText()).isEqualTo("Allow");
            Set<String> actions = new TreeSet<>();
            if (st.get("Action").isArray()) {
                st.get("Action").forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(st.get("Action").asText());
            }
            assertThat(actions).noneMatch(a -> a.contains("*"));
            granted.addAll(actions);
            String resources = st.get("Resource").toString();
            if (resources.contains("instance/*") || resources.contains("elastic-ip/*") || resources.contains("image/*")) {
                assertThat(st.has("Condition")).as(st.get("Sid").asText() + " must be conditioned").isTrue();
            }
            if (resources.equals("\"*\"")) {
                assertThat(UNCONDITIONAL_OK).as(st.get("Sid").asText()).containsAll(actions);
            }
        }
        assertThat(granted).isEqualTo(new TreeSet<>(CALLS));
    }
}
