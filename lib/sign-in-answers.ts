/** What the sign-in endpoint answers besides "wrong credentials", shared by the server and the sign-in form. */
export const TWO_FACTOR_REQUIRED = "TWO_FACTOR_REQUIRED";
export const TWO_FACTOR_INVALID_MESSAGE = "That authentication code is not right. Enter the 6 digits your app shows now, or a recovery code.";
