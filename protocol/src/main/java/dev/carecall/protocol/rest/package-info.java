/**
 * Bodies of the backend's REST API ({@code /api/...}), shared by the backend and the desktop console. Written and
 * read through {@link dev.carecall.protocol.ProtocolCodec#toJson} and {@link dev.carecall.protocol.ProtocolCodec#fromJson}.
 */
package dev.carecall.protocol.rest;
