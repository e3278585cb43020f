package dev.revive.testkit;

/** A stand-in test JVM: starts the kit's broker, prints its address and waits to be killed. */
public final class BrokerHolder {

    private BrokerHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("BOOTSTRAP " + RealKafka.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
