package org.medpulse.devstack.kafka;

/** A local-stack server could not listen because another process holds its port. */
public final class PortInUseException extends ServerStartException {

    private final int port;

    public PortInUseException(String what, int port) {
        super(what + " port " + port + " on " + LocalPorts.HOST
                + " is already in use (is another broker, registry or medpulse stack running?)");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
