package dev.carecall.backend;

/**
 * The appointments the demo data holds, for the demo's printout and for other modules' tests.
 *
 * @param paidAppointmentId        demo-doctor's paid appointment: calls can start
 * @param unpaidAppointmentId      demo-doctor's unpaid appointment: starting a call is refused (402)
 * @param endedCallAppointmentId   demo-doctor's paid appointment with one ended call in its history
 * @param otherDoctorAppointmentId demo-doctor-2's appointment: demo-doctor has no access
 */
public record DemoData(long paidAppointmentId, long unpaidAppointmentId, long endedCallAppointmentId,
                       long otherDoctorAppointmentId) {
}
