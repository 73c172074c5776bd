import { IsObject, IsString, IsUUID, MaxLength } from 'class-validator';

export class CeremonyRoomDto {
  @IsUUID('all', { message: 'must be a ceremony id (UUID)' })
  ceremonyId: string;
}

export class DailyPostMessageDto {
  @IsUUID('all', { message: 'must be a team id (UUID)' })
  teamId: string;

  @IsString()
  @MaxLength(10)
  date: string;

  @IsObject()
  answers: Record<string, string>;
}
