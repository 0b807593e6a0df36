/**
 * Moving files to workers and results home. {@link io.rasfleet.transfer.HomeDelivery} is the one way
 * a result enters the user's project (temporary name, flush, length check, atomic rename), whatever
 * worker it came from; {@link io.rasfleet.transfer.LocalStaging} copies named files on this machine.
 * {@link io.rasfleet.transfer.SmbShare} is a Windows share's file I/O; its
 * {@link io.rasfleet.transfer.SmbSnapshotFiles} the listing, read-back and hard links the snapshot's
 * proof and the share's cache use; both translate smbj's failures through {@code SmbErrors} alone
 * (a refused file names share, path and status; a broken connection is {@code SmbUnreachableException}).
 * SFTP and Docker archive transfers live with the worker types that use them.
 */
package io.rasfleet.transfer;
