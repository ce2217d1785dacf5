package dev.carecall.console.check;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One STUN/TURN message (RFC 5389, RFC 5766): what the connectivity check needs to ask a STUN server for this
 * computer's public address and a TURN server for relays, and to send data through them. IPv4 addresses only.
 *
 * @param type          message type (method and class)
 * @param transactionId 12 bytes
 * @param attributes    attribute type to raw value, in order
 */
record StunMessage(int type, byte[] transactionId, Map<Integer, byte[]> attributes) {
    static final int MAGIC_COOKIE = 0x2112A442;

    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;
    static final int ALLOCATE_REQUEST = 0x0003;
    static final int ALLOCATE_SUCCESS = 0x0103;
    static final int ALLOCATE_ERROR = 0x0113;
    static final int REFRESH_REQUEST = 0x0004;
    static final int CREATE_PERMISSION_REQUEST = 0x0008;
    static final int CREATE_PERMISSION_SUCCESS = 0x0108;
    static final int SEND_INDICATION = 0x0016;
    static final int DATA_INDICATION = 0x0017;

    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int ERROR_CODE = 0x0009;
    static final int LIFETIME = 0x000D;
    static final int XOR_PEER_ADDRESS = 0x0012;
    static final int DATA = 0x0013;
    static final int REALM = 0x0014;
    static final int NONCE = 0x0015;
    static final int XOR_RELAYED_ADDRESS = 0x0016;
    static final int REQUESTED_TRANSPORT = 0x0019;
    static final int XOR_MAPPED_ADDRESS = 0x0020;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new message of this type with a fresh transaction id. */
    static StunMessage of(int type) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return new StunMessage(type, id, new LinkedHashMap<>());
    }

    StunMessage with(int attribute, byte[] value) {
        attributes.put(attribute, value);
        return this;
    }

    StunMessage with(int attribute, String value) {
        return with(attribute, value.getBytes(StandardCharsets.UTF_8));
    }

    StunMessage withAddress(int attribute, InetSocketAddress address) {
        return with(attribute, xorAddress(address));
    }

    /** True for a response (success or error) to this request. */
    boolean answers(StunMessage request) {
        return Arrays.equals(transactionId, request.transactionId) && (type & 0x0110) != 0;
    }

    boolean isError() {
        return (type & 0x0110) == 0x0110;
    }

    /** The ERROR-CODE number (e.g. 401), or 0. */
    int errorCode() {
        byte[] v = attributes.get(ERROR_CODE);
        return v == null || v.length < 4 ? 0 : (v[2] & 0x07) * 100 + (v[3] & 0xff);
    }

    Optional<String> text(int attribute) {
        return Optional.ofNullable(attributes.get(attribute)).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    Optional<InetSocketAddress> address(int attribute) {
        byte[] v = attributes.get(attribute);
        if (v == null || v.length < 8 || v[1] != 0x01) {
            return Optional.empty();
        }
        int port = ((v[2] & 0xff) << 8 | (v[3] & 0xff)) ^ (MAGIC_COOKIE >>> 16);
        byte[] ip = new byte[4];
        ByteBuffer.allocate(4).putInt(MAGIC_COOKIE).flip().get(ip);
        for (int i = 0; i < 4; i++) {
            ip[i] ^= v[4 + i];
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(ip), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The wire form; with a key, MESSAGE-INTEGRITY (HMAC-SHA1) is appended last. */
    byte[] encode(byte[] integrityKey) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        attributes.forEach((attribute, value) -> writeAttribute(body, attribute, value));
        byte[] withoutIntegrity = body.toByteArray();
        if (integrityKey == null) {
            return header(withoutIntegrity.length, withoutIntegrity);
        }
        // The HMAC covers the header whose length already counts the 24 bytes of MESSAGE-INTEGRITY.
        byte[] signed = header(withoutIntegrity.length + 24, withoutIntegrity);
        byte[] hmac = hmacSha1(integrityKey, signed);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(signed);
        writeAttribute(all, MESSAGE_INTEGRITY, hmac);
        return all.toByteArray();
    }

    private byte[] header(int length, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(20 + body.length);
        b.putShort((short) type).putShort((short) length).putInt(MAGIC_COOKIE).put(transactionId).put(body);
        return b.array();
    }

    /** Reads a message, or empty when the bytes are no STUN message (e.g. a stray packet). */
    static Optional<StunMessage> decode(byte[] data, int length) {
        if (length < 20 || (data[0] & 0xC0) != 0) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        int type = b.getShort() & 0xffff;
        int bodyLength = b.getShort() & 0xffff;
        if (b.getInt() != MAGIC_COOKIE || 20 + bodyLength > length) {
            return Optional.empty();
        }
        byte[] id = new byte[12];
        b.get(id);
        Map<Integer, byte[]> attributes = new LinkedHashMap<>();
        int end = 20 + bodyLength;
        while (b.position() + 4 <= end) {
            int attribute = b.getShort() & 0xffff;
            int size = b.getShort() & 0xffff;
            if (b.position() + size > end) {
                return Optional.empty();
            }
            byte[] value = new byte[size];
            b.get(value);
            b.position(Math.min(end, b.position() + (4 - size % 4) % 4));
            attributes.putIfAbsent(attribute, value);
        }
        return Optional.of(new StunMessage(type, id, attributes));
    }

    /** The long-term credential key: MD5(username ":" realm ":" password). */
    static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5").digest((username + ":" + realm + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    /** REQUESTED-TRANSPORT: UDP relays (17), the only kind TURN allocates for media. */
    static byte[] udpTransport() {
        return new byte[]{17, 0, 0, 0};
    }

    static byte[] lifetime(int seconds) {
        return ByteBuffer.allocate(4).putInt(seconds).array();
    }

    private static byte[] xorAddress(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) 0).put((byte) 0x01).putShort((short) (address.getPort() ^ (MAGIC_COOKIE >>> 16)))
                .putInt(ByteBuffer.wrap(ip).getInt() ^ MAGIC_COOKIE);
        return b.array();
    }

    private static void writeAttribute(ByteArrayOutputStream out, int attribute, byte[] value) {
        out.write(attribute >>> 8);
        out.write(attribute);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
        out.writeBytes(new byte[(4 - value.length % 4) % 4]);
    }

    private static byte[] hmacSha1(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }
}
