/**
 * Moving files to workers and results home. {@link io.rasfleet.transfer.HomeDelivery} is the one way
 * a result enters the user's project (temporary name, flush, length check, atomic rename), whatever
 * worker it came from; {@link io.rasfleet.transfer.LocalStaging} copies named files on this machine.
 * SMB, SFTP and Docker archive transfers join here with the worker types that need them.
 */
package io.rasfleet.transfer;
