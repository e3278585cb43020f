package dev.revive.notifier.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The channels' far ends for tests: GreenMail (a real SMTP server in this JVM) on a fixed free port, so it can be
 * stopped and started again at the same address, and WireMock standing in for the SES and SNS endpoints.
 * Credentials for the AWS SDK's default chain are dummy system properties: no AWS account is ever called.
 */
public class ChannelStubsResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail smtp;
    private static ServerSetup smtpSetup;
    private static WireMockServer aws;

    @Override
    public synchronized Map<String, String> start() {
        smtpSetup = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        startSmtp();
        aws = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        System.setProperty("aws.accessKeyId", "AKIDTESTONLY");
        System.setProperty("aws.secretAccessKey", "test-secret-not-aws");
        String endpoint = "http://127.0.0.1:" + aws.port();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtpSetup.getPort()),
                "quarkus.mailer.from", "revive@notifier.test",
                "revive.notifier.ses.endpoint-override", endpoint,
                "revive.notifier.sns.endpoint-override", endpoint);
    }

    @Override
    public synchronized void stop() {
        stopSmtp();
        if (aws != null) {
            aws.stop();
        }
    }

    public static synchronized GreenMail smtp() {
        return smtp;
    }

    public static synchronized void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    public static synchronized void startSmtp() {
        smtp = new GreenMail(smtpSetup);
        smtp.start();
    }

    public static synchronized WireMockServer aws() {
        return aws;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
