/**
 * The software receive stage of a port: flow rules first, then RSS over the redirection table,
 * deciding each packet's receive queue as a NIC's flow director and RSS do
 * ({@link io.wirespeed.classify.steer.FlowSteering}, plugged into
 * {@link io.wirespeed.ethdev.SteeredPortBackend}).
 */
package io.wirespeed.classify.steer;
