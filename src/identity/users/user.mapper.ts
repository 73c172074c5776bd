import { UserDto } from '../auth/dto/auth.dto';
import { UserRow } from './users.repository';

export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    isInstanceAdmin: row.is_instance_admin,
    createdAt: row.created_at.toISOString(),
  };
}
